using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>/me: the worker's day and record.</summary>
internal sealed record ShowProfile : ITypedCommand<ShowProfile>
{
    public static string Trigger => "/me";

    public static Access Access => Access.Worker;

    public static bool WhileBanned => true;

    public static ShowProfile? Parse(string? argument) => argument is null ? new() : null;
}

/// <summary>
/// /me: today's count (the worker's local day), accuracy on check tasks, balance, what the last 7 days paid an hour, and the
/// worker's day: limit, time zone, reminder.
/// </summary>
internal sealed class ShowProfileHandler(
    WorkerStore workers, PayStore pay, DailyLimits limits, WorkerSettings settings, Sender sender, IOptions<MicrotaskOptions> options, TimeProvider time) :
    IHandler<ShowProfile>
{
    public async Task HandleAsync(ShowProfile command, UpdateContext ctx, CancellationToken ct)
    {
        var quota = await limits.TodayAsync(ctx.Worker, ct);
        var stats = await workers.StatsAsync(ctx.Worker.TelegramId, quota.DayStart, ct);
        if (stats is null)
        {
            return;
        }

        var culture = CultureInfo.CurrentUICulture;
        var accuracy = stats.Worker.GoldTotal == 0 ? "—" : stats.Worker.Accuracy.ToString("P0", culture);
        var balance = options.Value.Currency.Format(stats.Worker.Balance, culture);
        var reminder = (await settings.OfAsync(ctx.Worker, ct)).RemindAt is { } at
            ? string.Format(culture, LimitMessages.ProfileReminderAt, ReminderTimes.Clock(at))
            : LimitMessages.ProfileReminderOff;
        var banned = ctx.Worker.BannedUntil is { } until && until > time.GetUtcNow()
            ? "\n" + string.Format(culture, AdminMessages.ProfileBanned, BanEnds.Until(until, quota.Zone, culture))
            : "";
        var rate = await pay.EarnedSinceAsync(ctx.Worker.Id, time.GetUtcNow() - PayTexts.RateSpan, ct);
        await sender.SendAsync(
            ctx.ChatId,
            string.Format(culture, WorkerMessages.Profile, stats.AnsweredToday, stats.AnsweredTotal, accuracy, balance)
                + PayTexts.Realised(rate, options.Value.Currency) + "\n"
                + string.Format(culture, LimitMessages.ProfileDay, quota.Limit, DailyLimits.SourceText(quota.Source), quota.Zone.Id, reminder) + banned,
            ct: ct);
    }
}
