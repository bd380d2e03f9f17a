using System.Collections.Concurrent;
using System.Globalization;
using Hangfire;
using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;
using Microtask.Storage.Coordination;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace Microtask.Bot.Workers;

/// <summary>
/// A lease's two timed steps: a reminder shortly before it ends (once, with an Extend button), then its end. Both are run
/// by <see cref="LeaseTickJob"/>, a Hangfire job that takes no arguments and handles every lease due at its time; this
/// schedules one for each whole second in which a reminder or an end falls, once per second and process, however many
/// leases fall in it. One Hangfire job per claim (as before) cost five PostgreSQL writes and a blocked thread-pool
/// thread on every claim, and the load tool measured the bot at less than half its speed for it.
/// </summary>
internal sealed class LeaseTimers(IBackgroundJobClient jobs, IOptions<MicrotaskOptions> options, TimeProvider time, ILogger<LeaseTimers> log)
{
    /// <summary>The seconds (unix) a tick is scheduled for, so a second gets one job however many leases fall in it.</summary>
    private readonly ConcurrentDictionary<long, byte> scheduled = new();

    public TimeSpan ReminderBefore => options.Value.Leases.ReminderBefore;

    public void Start(Assignment lease, TimeSpan timeLimit)
    {
        var before = ReminderBefore;
        WakeAt(before > TimeSpan.Zero && timeLimit >= 2 * before ? lease.ExpiresAt - before : lease.ExpiresAt);
    }

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

    /// <summary>"1 min", "90 s": a short duration in the current language.</summary>
    public static string Duration(TimeSpan span) => span.TotalSeconds % 60 == 0
        ? string.Format(CultureInfo.CurrentCulture, WorkerMessages.DurationMinutes, (int)span.TotalMinutes)
        : string.Format(CultureInfo.CurrentCulture, WorkerMessages.DurationSeconds, (int)span.TotalSeconds);
}

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
        CultureInfo.CurrentUICulture = Languages.Culture(lease.Language);
        var left = LeaseTimers.Duration(TimeSpan.FromSeconds(Math.Max(1, Math.Round((lease.ExpiresAt - time.GetUtcNow()).TotalSeconds))));
        var claimed = await assignments.FindAsync(lease.AssignmentId);
        InlineKeyboardMarkup? extend = lease.Extended || claimed is null
            ? null
            : new InlineKeyboardMarkup(TaskMessage.Button(
                string.Format(CultureInfo.CurrentCulture, WorkerMessages.ExtendButton, LeaseTimers.Duration(claimed.Project.TimeLimit)),
                new CallbackData.Extend(lease.AssignmentId)));
        var text = string.Format(CultureInfo.CurrentCulture, extend is null ? WorkerMessages.LeaseReminderNoExtend : WorkerMessages.LeaseReminder, left);
        await sender.SendAsync(lease.ChatId, text, extend);
    }
}

/// <summary>
/// One lease's reminder, as a job of its own: how leases were timed before <see cref="LeaseTickJob"/>. Kept so that jobs
/// already scheduled by an earlier version still run. Safe to run twice.
/// </summary>
public sealed class LeaseReminderJob(AssignmentStore assignments, IServiceProvider services)
{
    public async Task RunAsync(long assignmentId)
    {
        var timers = services.GetRequiredService<LeaseTimers>();
        if (await assignments.MarkRemindedAsync(assignmentId, timers.ReminderBefore + LeaseReminder.Margin) is not { } lease)
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

/// <summary>What a worker sees when a lease ran out, whoever noticed it (its expiry job or the sweeper).</summary>
internal sealed class TimeUp(AssignmentStore assignments, ILeaseStore leases, Sender sender)
{
    public async Task TellAsync(ExpiredLease lease)
    {
        await leases.RemoveAsync(lease.Assignment.WorkerId, lease.Assignment.Id);
        if (lease.Assignment.MessageId is not { } messageId || await assignments.FindAsync(lease.Assignment.Id) is not { } claimed)
        {
            return;
        }

        CultureInfo.CurrentUICulture = Languages.Culture(lease.Language);
        await sender.EditAsync(lease.ChatId, (int)messageId, TaskMessage.Text(claimed) + "\n\n" + WorkerMessages.TimeUp, TaskMessage.Next());
    }
}

internal static class LeaseTimerServices
{
    public static IServiceCollection AddLeaseTimers(this IServiceCollection services)
    {
        services.AddSingleton<LeaseTimers>();
        services.AddSingleton<TimeUp>();
        services.AddSingleton<LeaseReminder>();
        services.AddTransient<LeaseTickJob>();
        services.AddTransient<LeaseReminderJob>();
        services.AddTransient<LeaseExpiryJob>();
        services.AddHandler<ExtendPressed, ExtendLease>();
        return services;
    }
}
