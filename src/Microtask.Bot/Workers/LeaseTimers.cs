using System.Collections.Concurrent;
using System.Globalization;
using Hangfire;
using Microsoft.Extensions.Options;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;
using Microtask.Storage.Coordination;

namespace Microtask.Bot.Workers;

/// <summary>
/// A lease's two timed steps: a reminder shortly before it ends (once, with an Extend button), then its end. Both are run
/// by <see cref="LeaseTickJob"/>, a Hangfire job that takes no arguments and handles every lease due at its time; this
/// schedules one for each whole second in which a reminder or an end falls, once per second and process, however many
/// leases fall in it, so a claim costs no Hangfire write of its own (docs/decisions: one lease tick per second).
/// </summary>
internal sealed class LeaseTimers(IBackgroundJobClient jobs, IOptions<MicrotaskOptions> options, TimeProvider time, ILogger<LeaseTimers> log)
{
    /// <summary>The seconds (unix) a tick is scheduled for, so a second gets one job however many leases fall in it.</summary>
    private readonly ConcurrentDictionary<long, byte> scheduled = new();

    public TimeSpan ReminderBefore => options.Value.Leases.ReminderBefore;

    public void Start(Assignment lease, TimeSpan timeLimit) =>
        WakeAt(AssignmentStore.ReminderLead(timeLimit, ReminderBefore) is { } lead ? lease.ExpiresAt - lead : lease.ExpiresAt);

    /// <summary>The lease ends at <paramref name="at"/> (a reminder was sent, or it was extended): a tick then ends it.</summary>
    public void EndAt(DateTimeOffset at) => WakeAt(at);

    /// <summary>
    /// A tick has run: the seconds up to now are done with (a tick that ran early, say on an instance whose clock is
    /// ahead, must be able to schedule its second again), and the clock is wound to the next lease that needs it. So
    /// as long as ticks run, none is missing: not after a failed <c>Schedule</c>, a restart that lost in-memory jobs
    /// of leases that are still live, or a tick run early.
    /// </summary>
    public void Ran(DateTimeOffset? next)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var second in scheduled.Keys.Where(s => s <= now))
        {
            scheduled.TryRemove(second, out _);
        }

        if (next is { } at)
        {
            WakeAt(at);
        }
    }

    /// <summary>
    /// Hangfire keeps a scheduled time in whole seconds, truncated, so the tick is scheduled on the next whole second.
    /// The job is created off the caller's path (Hangfire's client is synchronous): a claim does not wait for it. If it
    /// cannot be created (the database away), the second is forgotten so the next lease in it tries again; the minutely
    /// sweeper ends any lease whose tick never came.
    /// </summary>
    private void WakeAt(DateTimeOffset at)
    {
        var second = (at.ToUnixTimeMilliseconds() + 999) / 1000;
        if (!scheduled.TryAdd(second, 0))
        {
            return;
        }

        Forget(time.GetUtcNow().ToUnixTimeSeconds() - 60);
        _ = Task.Run(() =>
        {
            try
            {
                jobs.Schedule<LeaseTickJob>(job => job.RunAsync(), DateTimeOffset.FromUnixTimeSeconds(second));
            }
            catch (Exception e)
            {
                scheduled.TryRemove(second, out _);
                log.LogWarning("Could not schedule the lease clock's tick: {Error}", e.Message);
            }
        });
    }

    /// <summary>Seconds long past cannot come again; dropping them keeps the set to the seconds still ahead.</summary>
    private void Forget(long before)
    {
        if (scheduled.Count < 1024)
        {
            return;
        }

        foreach (var second in scheduled.Keys.Where(s => s < before))
        {
            scheduled.TryRemove(second, out _);
        }
    }

}

/// <summary>
/// What a worker sees when a lease ran out, whoever noticed it (its expiry job or the sweeper): the task's message says
/// so, and the reminder, if one came, keeps its words and loses its Extend button.
/// </summary>
internal sealed class TimeUp(AssignmentStore assignments, ILeaseStore leases, Sender sender, TaskDelivery delivery)
{
    public async Task TellAsync(ExpiredLease lease)
    {
        await leases.RemoveAsync(lease.Assignment.WorkerId, lease.Assignment.Id);
        Languages.Use(lease.Language);
        if (lease.ReminderMessageId is { } reminder)
        {
            await sender.EditKeyboardAsync(lease.ChatId, (int)reminder);
        }

        if (lease.Assignment.MessageId is not { } messageId || await assignments.FindAsync(lease.Assignment.Id) is not { } claimed)
        {
            return;
        }

        await delivery.EditAsync(lease.ChatId, (int)messageId, claimed, WorkerMessages.TimeUp, WorkerKeyboards.Next());
    }
}
