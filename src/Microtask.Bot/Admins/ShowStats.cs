using System.Globalization;
using Hangfire;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>/stats; any words after it are ignored.</summary>
internal sealed record ShowStats : ITypedCommand<ShowStats>
{
    public static string Trigger => "/stats";

    public static Access Access => Access.Admin;

    public static ShowStats Parse(string? argument) => new();
}

/// <summary>/stats: the platform now: workers active in the last 24 hours, answers in the last hour and day, open slots, live leases, failing jobs.</summary>
internal sealed class ShowStatsHandler(NoticeStore notices, JobStorage jobs, Sender sender, TimeProvider time) : IHandler<ShowStats>
{
    public async Task HandleAsync(ShowStats command, UpdateContext ctx, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var day = await notices.PlatformDayAsync(now - TimeSpan.FromDays(1), ct);
        var hour = await notices.PlatformDayAsync(now - TimeSpan.FromHours(1), ct);
        var failing = jobs.GetMonitoringApi().FailedCount();
        await sender.SendAsync(
            ctx.ChatId,
            string.Format(CultureInfo.CurrentCulture, AdminMessages.Stats, day.ActiveWorkers, hour.Answers, day.Answers, day.OpenSlots, day.LiveLeases, failing),
            ct: ct);
    }
}
