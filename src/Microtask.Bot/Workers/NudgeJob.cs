using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>What one reminder run did, for logs, tests and the benchmark.</summary>
internal sealed record NudgeRun(int Sent, int AtLimit, int NothingToDo, int Unreachable);

/// <summary>
/// The daily reminder of one (time zone, minute): every worker who asked for it, has a task they may take and has
/// not reached their limit gets one message. Safe to run twice: a worker is marked with the local date before the
/// message goes, so a second run (or a second instance) skips them. The messages go through the Sender's bulk lane,
/// so the global rate, not this loop, sets how long a big run takes, and interactive replies go first.
/// </summary>
internal sealed class NudgeJob(
    WorkerStore workers, AssignmentStore assignments, DailyLimits limits, Sender sender, TimeProvider time, IOptions<MicrotaskOptions> options, ILogger<NudgeJob> log)
{
    private const int Page = 1000;

    // Enough messages in flight that Telegram's round trip does not slow the rate down.
    private const int InFlight = 64;

    /// <param name="zone">IANA id of the workers' time zone.</param>
    /// <param name="at">Local time of the reminder, "HH:MM".</param>
    public async Task<NudgeRun> RunAsync(string zone, string at)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var tz) || ReminderTimes.Parse(at) is not { } minute)
        {
            log.LogWarning("Reminder job for {Zone} {At} has nothing to do: unknown zone or time", zone, at);
            return new NudgeRun(0, 0, 0, 0);
        }

        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), tz).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        int sent = 0, atLimit = 0, nothing = 0, unreachable = 0;
        for (long after = 0; ;)
        {
            var page = await workers.DueForNudgeAsync(zone, options.Value.DefaultTimeZone, minute, date, after, Page);
            if (page.Count == 0)
            {
                break;
            }

            after = page[^1].Id;
            await Parallel.ForEachAsync(page, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (worker, ct) =>
            {
                switch (await TryNudgeAsync(worker, tz, date, ct))
                {
                    case Outcome.Sent: Interlocked.Increment(ref sent); break;
                    case Outcome.AtLimit: Interlocked.Increment(ref atLimit); break;
                    case Outcome.NothingToDo: Interlocked.Increment(ref nothing); break;
                    default: Interlocked.Increment(ref unreachable); break;
                }
            });
        }

        log.LogInformation(
            "Reminders {Zone} {At}: {Sent} sent, {AtLimit} at their limit, {Nothing} with nothing to do, {Unreachable} unreachable or done already",
            zone, at, sent, atLimit, nothing, unreachable);
        return new NudgeRun(sent, atLimit, nothing, unreachable);
    }

    /// <summary>One worker's failure (a chat Telegram refuses, a timeout) must not stop everyone else's reminder.</summary>
    private async Task<Outcome> TryNudgeAsync(NudgeCandidate worker, TimeZoneInfo zone, string date, CancellationToken ct)
    {
        try
        {
            return await NudgeAsync(worker, zone, date, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("Reminder to worker {WorkerId} failed: {Error}", worker.Id, e.Message);
            return Outcome.Skipped;
        }
    }

    private async Task<Outcome> NudgeAsync(NudgeCandidate worker, TimeZoneInfo zone, string date, CancellationToken ct)
    {
        var quota = await limits.TodayAsync(worker.Id, worker.DailyLimit, zone, ct);
        if (quota.Reached)
        {
            return Outcome.AtLimit;
        }

        if (!await assignments.HasTaskForAsync(worker.Id, quota.DayStart, ct))
        {
            return Outcome.NothingToDo;
        }

        if (!await workers.MarkNudgedAsync(worker.Id, date, ct))
        {
            return Outcome.Skipped; // another run of this job got there first
        }

        Languages.Use(worker.Language);
        var text = quota.Done == 0
            ? LimitMessages.Nudge
            : string.Format(CultureInfo.CurrentCulture, LimitMessages.NudgeSoFar, quota.Done, quota.Limit);
        var message = await sender.SendBulkAsync(worker.TelegramId, text, WorkerKeyboards.Next(), ct);
        return message is null ? Outcome.Skipped : Outcome.Sent;
    }

    private enum Outcome
    {
        Sent,
        AtLimit,
        NothingToDo,
        Skipped,
    }
}

/// <summary>Hourly: the reminder jobs match the reminders workers set (see <see cref="ReminderSchedule"/>).</summary>
internal sealed class NudgeScheduleJob(ReminderSchedule schedule)
{
    public Task RunAsync() => schedule.SyncAsync(CancellationToken.None);
}
