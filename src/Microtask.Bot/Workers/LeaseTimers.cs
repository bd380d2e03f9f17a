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
/// A lease's two timed steps, as delayed Hangfire jobs that take the assignment id only: a reminder shortly before
/// it ends (once, with an Extend button), then its end. A worker who answers in time makes both jobs no-ops.
/// One job per lease is created at claim time; the expiry job is only created when the lease is still live at
/// its reminder, so a worker who answers quickly costs one job, not two.
/// </summary>
internal sealed class LeaseTimers(IBackgroundJobClient jobs, IOptions<MicrotaskOptions> options)
{
    public TimeSpan ReminderBefore => options.Value.Leases.ReminderBefore;

    public void Start(Assignment lease, TimeSpan timeLimit)
    {
        var before = ReminderBefore;
        if (before > TimeSpan.Zero && timeLimit >= 2 * before)
        {
            jobs.Schedule<LeaseReminderJob>(job => job.RunAsync(lease.Id), lease.ExpiresAt - before);
        }
        else
        {
            EndAt(lease.Id, lease.ExpiresAt);
        }
    }

    /// <summary>
    /// Hangfire keeps a scheduled time in whole seconds, truncated, so a job may start up to a second early: the
    /// expiry is scheduled on the next whole second, and a run that still finds the lease not due schedules again.
    /// </summary>
    public void EndAt(long assignmentId, DateTimeOffset at)
    {
        var second = DateTimeOffset.FromUnixTimeSeconds((at.ToUnixTimeMilliseconds() + 999) / 1000);
        jobs.Schedule<LeaseExpiryJob>(job => job.RunAsync(assignmentId), second);
    }

    /// <summary>"1 min", "90 s": a short duration in the current language.</summary>
    public static string Duration(TimeSpan span) => span.TotalSeconds % 60 == 0
        ? string.Format(CultureInfo.CurrentCulture, WorkerMessages.DurationMinutes, (int)span.TotalMinutes)
        : string.Format(CultureInfo.CurrentCulture, WorkerMessages.DurationSeconds, (int)span.TotalSeconds);
}

/// <summary>Reminds the worker once that the lease is about to end, then arranges its end. Safe to run twice.</summary>
public sealed class LeaseReminderJob(AssignmentStore assignments, IServiceProvider services, TimeProvider time)
{
    /// <summary>A job may start a little early or late; a reminder within this margin of its time still goes.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    public async Task RunAsync(long assignmentId)
    {
        var timers = services.GetRequiredService<LeaseTimers>();
        if (await assignments.MarkRemindedAsync(assignmentId, timers.ReminderBefore + Margin) is not { } lease)
        {
            // Answered, ended, reminded by an earlier run, or (a late job) already past its end: the end still needs a job.
            if (await assignments.FindAsync(assignmentId) is { Assignment: { State: AssignmentState.Active } live })
            {
                timers.EndAt(live.Id, live.ExpiresAt);
            }

            return;
        }

        CultureInfo.CurrentUICulture = Languages.Culture(lease.Language);
        var left = LeaseTimers.Duration(TimeSpan.FromSeconds(Math.Max(1, Math.Round((lease.ExpiresAt - time.GetUtcNow()).TotalSeconds))));
        var claimed = await assignments.FindAsync(assignmentId);
        InlineKeyboardMarkup? extend = lease.Extended || claimed is null
            ? null
            : new InlineKeyboardMarkup(TaskMessage.Button(
                string.Format(CultureInfo.CurrentCulture, WorkerMessages.ExtendButton, LeaseTimers.Duration(claimed.Project.TimeLimit)),
                new CallbackData.Extend(assignmentId)));
        var text = string.Format(CultureInfo.CurrentCulture, extend is null ? WorkerMessages.LeaseReminderNoExtend : WorkerMessages.LeaseReminder, left);
        await services.GetRequiredService<Sender>().SendAsync(lease.ChatId, text, extend);
        timers.EndAt(assignmentId, lease.ExpiresAt);
    }
}

/// <summary>Ends one lease at its time: the slot returns to the pool at once and the task message says so. Safe to run twice.</summary>
public sealed class LeaseExpiryJob(AssignmentStore assignments, IServiceProvider services)
{
    public async Task RunAsync(long assignmentId)
    {
        var ended = await assignments.ExpireDueAsync(assignmentId);
        foreach (var lease in ended)
        {
            await services.GetRequiredService<TimeUp>().TellAsync(lease);
        }

        // Started early, or the lease was extended: it ends later, and that end needs a run of its own.
        if (ended.Count == 0 && await assignments.FindAsync(assignmentId) is { Assignment: { State: AssignmentState.Active } live })
        {
            services.GetRequiredService<LeaseTimers>().EndAt(live.Id, live.ExpiresAt);
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
        services.AddTransient<LeaseReminderJob>();
        services.AddTransient<LeaseExpiryJob>();
        services.AddHandler<ExtendPressed, ExtendLease>();
        return services;
    }
}
