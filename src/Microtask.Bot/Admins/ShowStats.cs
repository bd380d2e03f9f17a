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

/// <summary>
/// /stats: the platform now: workers active in the last 24 hours, answers in the last hour and day, open slots, live leases,
/// failing jobs, and the open projects whose measured pay an hour is below the floor.
/// </summary>
internal sealed class ShowStatsHandler(
    NoticeStore notices, PayStore pay, JobStorage jobs, Sender sender, TimeProvider time, Microsoft.Extensions.Options.IOptions<Shared.MicrotaskOptions> options) :
    IHandler<ShowStats>
{
    public async Task HandleAsync(ShowStats command, UpdateContext ctx, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var day = await notices.PlatformDayAsync(now - TimeSpan.FromDays(1), ct);
        var hour = await notices.PlatformDayAsync(now - TimeSpan.FromHours(1), ct);
        var failing = jobs.GetMonitoringApi().FailedCount();
        var culture = CultureInfo.CurrentCulture;
        var o = options.Value;
        var below = o.Pay.HourlyFloor == 0 ? [] : await pay.BelowAsync(o.Pay.HourlyFloor, ct);
        var floor = below.Count == 0
            ? ""
            : "\n" + string.Format(culture, AdminMessages.StatsBelowFloor, o.Currency.Format(o.Pay.HourlyFloor, culture), string.Join(
                ", ", below.Take(10).Select(p => $"#{p.Id} {Views.Quotes.Of(p.Title, 30)} ({o.Currency.Format(p.PerHour, culture)})")));
        await sender.SendAsync(
            ctx.ChatId,
            string.Format(culture, AdminMessages.Stats, day.ActiveWorkers, hour.Answers, day.Answers, day.OpenSlots, day.LiveLeases, failing) + floor,
            ct: ct);
    }
}
