using System.Globalization;
using Hangfire;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>/stats: the platform now: workers active in the last 24 hours, answers in the last hour and day, open slots, live leases, failing jobs.</summary>
internal sealed class ShowStats(NoticeStore notices, JobStorage jobs, Sender sender, TimeProvider time) : IHandler<StatsCommand>
{
    public async Task HandleAsync(StatsCommand command, UpdateContext ctx, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var day = await notices.PlatformDayAsync(now - TimeSpan.FromDays(1), ct);
        var hour = await notices.PlatformDayAsync(now - TimeSpan.FromHours(1), ct);
        var failing = jobs.GetMonitoringApi().FailedCount();
        await sender.SendAsync(
            ctx.ChatId,
            string.Format(CultureInfo.CurrentUICulture, AdminMessages.Stats, day.ActiveWorkers, hour.Answers, day.Answers, day.OpenSlots, day.LiveLeases, failing),
            ct: ct);
    }
}
