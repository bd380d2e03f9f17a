using System.Globalization;
using global::Telegram.Bot.Types.ReplyMarkups;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>
/// The lease clock: ends every lease past its time, reminds every lease due a reminder, and winds itself to the next
/// lease that needs it. Takes no arguments and is safe to run twice or on two servers at once (each lease is ended or
/// marked by one statement, once). One chat's failure costs no other lease its message.
/// </summary>
public sealed class LeaseTickJob(AssignmentStore assignments, IServiceProvider services, ILogger<LeaseTickJob> log)
{
    public async Task RunAsync()
    {
        var timers = services.GetRequiredService<LeaseTimers>();
        var timeUp = services.GetRequiredService<TimeUp>();
        foreach (var lease in await assignments.ExpireDueAsync())
        {
            try
            {
                await timeUp.TellAsync(lease);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.LogWarning("Could not tell worker {WorkerId} that assignment {AssignmentId} ran out: {Error}", lease.Assignment.WorkerId, lease.Assignment.Id, e.Message);
            }
        }

        var reminder = services.GetRequiredService<LeaseReminder>();
        foreach (var lease in await assignments.MarkDueRemindersAsync(timers.ReminderBefore, LeaseReminder.Margin))
        {
            try
            {
                await reminder.SendAsync(lease);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.LogWarning("Could not remind worker {WorkerId} of assignment {AssignmentId}: {Error}", lease.WorkerId, lease.AssignmentId, e.Message);
            }
        }

        timers.Ran(await assignments.NextDueAsync(timers.ReminderBefore));
    }
}

/// <summary>What the worker reads when a lease is about to end: the time left and, if not used yet, Extend.</summary>
internal sealed class LeaseReminder(AssignmentStore assignments, Sender sender, TimeProvider time)
{
    /// <summary>A tick may start a little early or late; a reminder within this margin of its time still goes.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    public async Task SendAsync(RemindedLease lease)
    {
        Languages.Use(lease.Language);
        var left = Durations.Short(TimeSpan.FromSeconds(Math.Max(1, Math.Round((lease.ExpiresAt - time.GetUtcNow()).TotalSeconds))));
        var claimed = await assignments.FindAsync(lease.AssignmentId);
        InlineKeyboardMarkup? extend = lease.Extended || claimed is null
            ? null
            : Keyboards.Single(
                string.Format(CultureInfo.CurrentCulture, WorkerMessages.ExtendButton, Durations.Short(claimed.Project.TimeLimit)),
                new ExtendLease(lease.AssignmentId));
        var text = string.Format(CultureInfo.CurrentCulture, extend is null ? WorkerMessages.LeaseReminderNoExtend : WorkerMessages.LeaseReminder, left);
        if (await sender.SendAsync(lease.ChatId, text, extend) is { } sent && extend is not null)
        {
            await assignments.SetReminderMessageAsync(lease.AssignmentId, sent.MessageId);
        }
    }
}

/// <summary>
/// One lease's reminder, as a job of its own: kept so that such jobs, still in a PostgreSQL job storage from an older
/// version of the bot, run. Safe to run twice.
/// </summary>
public sealed class LeaseReminderJob(AssignmentStore assignments, IServiceProvider services)
{
    public async Task RunAsync(long assignmentId)
    {
        var timers = services.GetRequiredService<LeaseTimers>();
        if (await assignments.MarkRemindedAsync(assignmentId, timers.ReminderBefore, LeaseReminder.Margin) is not { } lease)
        {
            // Answered, ended, reminded by an earlier run, or (a late job) already past its end: the end still needs a tick.
            if (await assignments.FindAsync(assignmentId) is { Assignment: { State: AssignmentState.Active } live })
            {
                timers.EndAt(live.ExpiresAt);
            }

            return;
        }

        await services.GetRequiredService<LeaseReminder>().SendAsync(lease);
        timers.EndAt(lease.ExpiresAt);
    }
}

/// <summary>One lease's end, as a job of its own (see <see cref="LeaseReminderJob"/>). Safe to run twice.</summary>
public sealed class LeaseExpiryJob(AssignmentStore assignments, IServiceProvider services)
{
    public async Task RunAsync(long assignmentId)
    {
        var ended = await assignments.ExpireDueAsync(assignmentId);
        foreach (var lease in ended)
        {
            await services.GetRequiredService<TimeUp>().TellAsync(lease);
        }

        // Started early, or the lease was extended: it ends later, and that end needs a tick of its own.
        if (ended.Count == 0 && await assignments.FindAsync(assignmentId) is { Assignment: { State: AssignmentState.Active } live })
        {
            services.GetRequiredService<LeaseTimers>().EndAt(live.ExpiresAt);
        }
    }
}
