using Dapper;

namespace Microtask.Storage;

/// <summary>A lease the worker was just reminded of: where to tell them, and whether Extend is still possible.</summary>
public sealed record RemindedLease(long AssignmentId, long WorkerId, DateTimeOffset ExpiresAt, long? MessageId, bool Extended, long ChatId, string Language);

/// <summary>
/// The lease clock's side of the leases: reminders due, and when the clock next has work. A lease is reminded
/// <see cref="ReminderLead"/> before its end: the configured lead, or half its time limit when that is shorter.
/// </summary>
public sealed partial class AssignmentStore
{
    /// <summary>The least notice a halved lead may give: a lease so short that half of it is less gets no reminder.</summary>
    public static readonly TimeSpan ShortestReminder = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long before its end a lease of <paramref name="timeLimit"/> is reminded: <paramref name="before"/>, or half the
    /// limit when the limit is under twice <paramref name="before"/>; null when reminders are off (zero) or that half is
    /// under <see cref="ShortestReminder"/> (or under <paramref name="before"/> itself, when that is shorter still).
    /// </summary>
    public static TimeSpan? ReminderLead(TimeSpan timeLimit, TimeSpan before)
    {
        var lead = timeLimit >= 2 * before ? before : timeLimit / 2;
        return before > TimeSpan.Zero && lead >= Shortest(before) ? lead : null;
    }

    /// <summary>
    /// Marks a live lease as reminded, once, when its reminder is due within <paramref name="margin"/>; the lease (with
    /// its chat and language) when this call marked it, null when it was answered, ended, already reminded or not yet due.
    /// </summary>
    public async Task<RemindedLease?> MarkRemindedAsync(long assignmentId, TimeSpan before, TimeSpan margin, CancellationToken ct = default) =>
        before > TimeSpan.Zero ? (await MarkRemindedAsync((long?)assignmentId, before, margin, ct)).SingleOrDefault() : null;

    /// <summary>
    /// Marks every live lease whose reminder (<see cref="ReminderLead"/>) falls within <paramref name="margin"/> from now
    /// and that was not reminded yet, once: two instances running this at once split the leases between them. The
    /// leases this call marked, with their chats and languages; none when <paramref name="before"/> is zero (reminders off).
    /// </summary>
    public async Task<IReadOnlyList<RemindedLease>> MarkDueRemindersAsync(TimeSpan before, TimeSpan margin, CancellationToken ct = default) =>
        before > TimeSpan.Zero ? await MarkRemindedAsync(null, before, margin, ct) : [];

    /// <summary>
    /// When the lease clock next has work: the earliest of the next reminder due (as <see cref="MarkDueRemindersAsync"/>
    /// judges it) and the next end of a live lease; null when no lease is live. A full-lead reminder is the first such
    /// lease by its end (an index walk); a halved one belongs to a lease shorter than twice the lead, which ends within
    /// twice the lead from now, so only that stretch of the index is read for them.
    /// </summary>
    public async Task<DateTimeOffset?> NextDueAsync(TimeSpan before, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var next = await c.QuerySingleAsync<(long? Full, long? Halved, long? End)>(
            $"""
            SELECT (SELECT expires_at - @before FROM assignments
                    WHERE state = 'active' AND reminded_at IS NULL AND @before > 0 AND expires_at - @before > @now
                      AND expires_at - created_at >= 2 * @before
                    ORDER BY expires_at LIMIT 1) AS remind_full,
                   (SELECT MIN(expires_at - (expires_at - created_at) / 2) FROM assignments
                    WHERE state = 'active' AND reminded_at IS NULL AND @before > 0 AND expires_at > @now AND expires_at < @now + 2 * @before
                      AND expires_at - created_at < 2 * @before AND expires_at - created_at >= 2 * @shortest
                      AND expires_at - (expires_at - created_at) / 2 > @now) AS remind_halved,
                   (SELECT MIN(expires_at) FROM assignments WHERE state = 'active') AS "end"
            """,
            new { before = (long)before.TotalMilliseconds, shortest = (long)Shortest(before).TotalMilliseconds, now = Clock.Ms(time.GetUtcNow()) });
        return new[] { next.Full, next.Halved, next.End }.Where(at => at is not null).Min() is { } ms ? Clock.At(ms) : null;
    }

    /// <summary>Remembers the reminder's message, so that the lease's end can take its Extend button away.</summary>
    public Task SetReminderMessageAsync(long assignmentId, long messageId, CancellationToken ct = default) =>
        db.WriteAsync(
            c => c.ExecuteAsync("UPDATE assignments SET reminder_message_id = @messageId WHERE id = @assignmentId", new { assignmentId, messageId }),
            ct);

    /// <summary>The shortest lead a halved reminder may have: <see cref="ShortestReminder"/>, or a shorter configured lead.</summary>
    private static TimeSpan Shortest(TimeSpan before) => before < ShortestReminder ? before : ShortestReminder;

    /// <summary>
    /// One statement marks (no transaction: the rows are not held while the chats are looked up), then the workers'
    /// chats and languages are read. The index bounds the walk by the longest lead (@before); each lease's own lead
    /// then decides.
    /// </summary>
    private async Task<IReadOnlyList<RemindedLease>> MarkRemindedAsync(long? assignmentId, TimeSpan before, TimeSpan margin, CancellationToken ct)
    {
        var now = Clock.Ms(time.GetUtcNow());
        var which = assignmentId is null ? "" : "AND id = @assignmentId";
        var rows = await db.WriteAsync(
            async c => (await c.QueryAsync<RemindedRow>(
                $"""
                UPDATE assignments SET reminded_at = @now
                WHERE state = 'active' AND reminded_at IS NULL AND expires_at > @now AND expires_at <= @now + @before + @margin
                  AND expires_at - created_at >= 2 * @shortest
                  AND expires_at - CASE WHEN expires_at - created_at >= 2 * @before THEN @before ELSE (expires_at - created_at) / 2 END
                      <= @now + @margin
                  {which}
                RETURNING id, worker_id, expires_at, message_id, extended
                """,
                new
                {
                    assignmentId, now, before = (long)before.TotalMilliseconds, margin = (long)margin.TotalMilliseconds,
                    shortest = (long)Shortest(before).TotalMilliseconds,
                })).ToList(),
            ct);
        if (rows.Count == 0)
        {
            return [];
        }

        await using var read = await db.OpenAsync(ct);
        var who = new Dictionary<long, WorkerRow>();
        foreach (var workerId in rows.Select(r => r.WorkerId).Distinct())
        {
            who[workerId] = await read.QuerySingleAsync<WorkerRow>("SELECT telegram_id, language FROM workers WHERE id = @workerId", new { workerId });
        }

        return rows
            .OrderBy(r => r.Id)
            .Select(r => new RemindedLease(r.Id, r.WorkerId, Clock.At(r.ExpiresAt), r.MessageId, r.Extended, who[r.WorkerId].TelegramId, who[r.WorkerId].Language))
            .ToList();
    }
}

/// <summary>A lease as marked reminded.</summary>
internal sealed class RemindedRow
{
    public long Id { get; set; }
    public long WorkerId { get; set; }
    public long ExpiresAt { get; set; }
    public long? MessageId { get; set; }
    public bool Extended { get; set; }
}
