using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>/remind HH:MM | off, or /remind alone; the argument as typed.</summary>
internal sealed record SetReminder(string? Argument) : ITypedCommand<SetReminder>
{
    public static string Trigger => "/remind";

    public static Access Access => Access.Worker;

    public static SetReminder Parse(string? argument) => new(argument);
}

/// <summary>/remind HH:MM (local time) or /remind off: a daily nudge when there is work and the limit allows it.</summary>
internal sealed class SetReminderHandler(WorkerStore workers, WorkerSettings settings, ReminderSchedule reminders, Sender sender) : IHandler<SetReminder>
{
    public async Task HandleAsync(SetReminder command, UpdateContext ctx, CancellationToken ct)
    {
        var own = await settings.OfAsync(ctx.Worker, ct);
        var zone = settings.ZoneOf(own).Id;
        var argument = command.Argument?.Trim().ToLowerInvariant();
        if (argument is null)
        {
            var shown = own.RemindAt is { } at
                ? string.Format(CultureInfo.CurrentCulture, LimitMessages.ReminderCurrent, ReminderTimes.Clock(at), zone)
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
        settings.Forget();
        await reminders.MovedAsync(
            own.RemindAt is { } old ? new ReminderSlot(zone, old) : null,
            minute is { } m ? new ReminderSlot(zone, m) : null,
            ct);
        var reply = minute is { } set
            ? string.Format(CultureInfo.CurrentCulture, LimitMessages.ReminderSet, ReminderTimes.Clock(set), zone)
            : LimitMessages.ReminderOff;
        await sender.SendAsync(ctx.ChatId, reply, ct: ct);
    }
}
