using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>/remind HH:MM (local time) or /remind off: a daily nudge when there is work and the limit allows it.</summary>
internal sealed class SetReminder(WorkerStore workers, DailyLimits limits, ReminderSchedule reminders, Sender sender) : IHandler<RemindCommand>
{
    public async Task HandleAsync(RemindCommand command, UpdateContext ctx, CancellationToken ct)
    {
        var settings = await limits.SettingsAsync(ctx.Worker, ct);
        var zone = limits.ZoneOf(settings).Id;
        var argument = command.Argument?.Trim().ToLowerInvariant();
        if (argument is null)
        {
            var shown = settings.RemindAt is { } at
                ? string.Format(CultureInfo.CurrentUICulture, LimitMessages.ReminderCurrent, ReminderTimes.Clock(at), zone)
                : LimitMessages.ReminderNone;
            await sender.SendAsync(ctx.ChatId, shown + "\n" + LimitMessages.ReminderHowTo, ct: ct);
            return;
        }

        int? minute = argument is "off" or "mati" ? null : ReminderTimes.Parse(argument);
        if (minute is null && argument is not ("off" or "mati"))
        {
            await sender.SendAsync(ctx.ChatId, LimitMessages.ReminderHint, ct: ct);
            return;
        }

        await workers.SetReminderAsync(ctx.Worker.Id, minute, ct);
        limits.Forget();
        await reminders.MovedAsync(
            settings.RemindAt is { } old ? new ReminderSlot(zone, old) : null,
            minute is { } m ? new ReminderSlot(zone, m) : null,
            ct);
        var reply = minute is { } set
            ? string.Format(CultureInfo.CurrentUICulture, LimitMessages.ReminderSet, ReminderTimes.Clock(set), zone)
            : LimitMessages.ReminderOff;
        await sender.SendAsync(ctx.ChatId, reply, ct: ct);
    }
}
