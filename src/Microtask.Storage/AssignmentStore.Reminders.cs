using Dapper;

namespace Microtask.Storage;

/// <summary>A lease the worker was just reminded of: where to tell them, and whether Extend is still possible.</summary>
public sealed record RemindedLease(long AssignmentId, long WorkerId, DateTimeOffset ExpiresAt, long? MessageId, bool Extended, long ChatId, string Language);

/// <summary>The lease clock's side of the leases: reminders due, and when the clock next has work.</summary>
public sealed partial class AssignmentStore
{
    /// <summary>
    /// Marks a live lease as reminded, once, when it ends within <paramref name="window"/>; the lease (with its chat
    /// and language) when this call marked it, null when it was answered, ended, already reminded or not yet due.
    /// </summary>
    public async Task<RemindedLease?> MarkRemindedAsync(long assignmentId, TimeSpan window, CancellationToken ct = default) =>
        (await MarkRemindedAsync(assignmentId, window, TimeSpan.Zero, ct)).SingleOrDefault();

    /// <summary>
    /// Marks every live lease due its reminder — it ends within <paramref name="before"/> plus <paramref name="margin"/>,
    /// was not reminded yet, and is at least twice <paramref name="before"/> long (a shorter lease gets no reminder) —
    /// once: two instances running this at once split the leases between them. The leases this call marked, with
    /// their chats and languages; none when <paramref name="before"/> is zero (reminders off).
    /// </summary>
    public async Task<IReadOnlyList<RemindedLease>> MarkDueRemindersAsync(TimeSpan before, TimeSpan margin, CancellationToken ct = default) =>
        before > TimeSpan.Zero ? await MarkRemindedAsync(null, before + margin, 2 * before, ct) : [];

    /// <summary>
    /// When the lease clock next has work: the earliest of the next reminder due (as <see cref="MarkDueRemindersAsync"/>
    /// judges it) and the next end of a live lease; null when no lease is live. Both are index walks.
    /// </summary>
    public async Task<DateTimeOffset?> NextDueAsync(TimeSpan before, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var next = await c.QuerySingleAsync<(long? Remind, long? End)>(
            """
            SELECT (SELECT expires_at - @before FROM assignments
                    WHERE state = 'active' AND reminded_at IS NULL AND @before > 0 AND expires_at - @before > @now
                      AND expires_at - created_at >= 2 * @before
                    ORDER BY expires_at LIMIT 1) AS remind,
                   (SELECT MIN(expires_at) FROM assignments WHERE state = 'active') AS "end"
            """,
            new { before = (long)before.TotalMilliseconds, now = Clock.Ms(time.GetUtcNow()) });
        return (next.Remind, next.End) switch
        {
            ({ } r, { } e) => Clock.At(Math.Min(r, e)),
            (null, { } e) => Clock.At(e),
            ({ } r, null) => Clock.At(r),
            _ => null,
        };
    }

    /// <summary>
    /// One statement marks (no transaction: the rows are not held while the chats are looked up), then the workers'
    /// chats and languages are read.
    /// </summary>
    private async Task<IReadOnlyList<RemindedLease>> MarkRemindedAsync(long? assignmentId, TimeSpan window, TimeSpan shortest, CancellationToken ct)
    {
        var now = Clock.Ms(time.GetUtcNow());
        var which = assignmentId is null ? "" : "AND id = @assignmentId";
        var rows = await db.WriteAsync(
            async c => (await c.QueryAsync<RemindedRow>(
                $"""
                UPDATE assignments SET reminded_at = @now
                WHERE state = 'active' AND reminded_at IS NULL AND expires_at > @now AND expires_at <= @due
                  AND expires_at - created_at >= @shortest {which}
                RETURNING id, worker_id, expires_at, message_id, extended
                """,
                new { assignmentId, now, due = now + (long)window.TotalMilliseconds, shortest = (long)shortest.TotalMilliseconds })).ToList(),
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
