using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>/me: today's count (the worker's local day), accuracy on check tasks, balance, and the worker's day: limit, time zone, reminder.</summary>
internal sealed class ShowProfile(WorkerStore workers, DailyLimits limits, Sender sender, IOptions<MicrotaskOptions> options) : IHandler<MeCommand>
{
    public async Task HandleAsync(MeCommand command, UpdateContext ctx, CancellationToken ct)
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
        var reminder = (await limits.SettingsAsync(ctx.Worker, ct)).RemindAt is { } at
            ? string.Format(culture, LimitMessages.ProfileReminderAt, ReminderTimes.Clock(at))
            : LimitMessages.ProfileReminderOff;
        await sender.SendAsync(
            ctx.ChatId,
            string.Format(culture, WorkerMessages.Profile, stats.AnsweredToday, stats.AnsweredTotal, accuracy, balance) + "\n"
                + string.Format(culture, LimitMessages.ProfileDay, quota.Limit, DailyLimits.SourceText(quota.Source), quota.Zone.Id, reminder),
            ct: ct);
    }
}
