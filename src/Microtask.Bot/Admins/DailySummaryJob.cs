using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>
/// The platform's last 24 hours for its owners (Microtask:Admins:Owners): workers who answered, answers, tasks
/// reported, open slots, live leases, projects out of budget. Safe to run twice: one summary per owner per local day.
/// </summary>
public sealed class DailySummaryJob(NoticeStore notices, WorkerStore workers, IServiceProvider services, TimeProvider time, IOptions<MicrotaskOptions> options)
{
    public async Task RunAsync()
    {
        var o = options.Value;
        if (o.Admins.Owners.Length == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var day = TimeZoneInfo.ConvertTime(now, o.TimeZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var platform = await notices.PlatformDayAsync(now - TimeSpan.FromDays(1));
        var sender = services.GetRequiredService<Sender>();
        foreach (var owner in o.Admins.Owners)
        {
            if (!await notices.ClaimAsync("admin-summary", owner, day))
            {
                continue;
            }

            var culture = Languages.Culture((await workers.FindAsync(owner))?.Language ?? o.DefaultLanguage);
            var text = string.Format(
                culture,
                AdminMessages.ResourceManager.GetString("DailySummary", culture)!,
                day,
                platform.ActiveWorkers,
                platform.Answers,
                platform.Reports,
                platform.OpenSlots,
                platform.LiveLeases,
                platform.ProjectsOutOfBudget);
            await sender.SendBulkAsync(owner, text);
        }
    }
}
