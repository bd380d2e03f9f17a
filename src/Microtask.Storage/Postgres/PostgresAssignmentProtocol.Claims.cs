using System.Data.Common;
using Dapper;
using Microtask.Core;
using Npgsql;

namespace Microtask.Storage.Postgres;

/// <summary>Claims: each its own statement, a batch of them in one round trip and one transaction.</summary>
public sealed partial class PostgresAssignmentProtocol
{
    /// <summary>The claim's row lock: a task row another transaction holds is passed over, not waited for.</summary>
    private const string SkipLocked = "FOR UPDATE OF t SKIP LOCKED";

    /// <summary>A claim waiting for its batch: the worker's, made at <paramref name="Now"/>, with its gold roll.</summary>
    internal sealed record PendingClaim(long WorkerId, long Now, long DayStart, int Roll);

    /// <summary>A lease taken or found, with its project.</summary>
    internal sealed record ClaimedLease(AssignmentRow Row, Project Project);

    /// <summary>The claims' queue: each gets its lease, null when the worker holds none and no task is open to them.</summary>
    internal GroupCommit<PendingClaim, ClaimedLease?> Claims { get; }

    /// <summary>
    /// Picks, leases and records the assignment in one statement (<see cref="LeaseOrHeld"/>), sent with the other
    /// claims made at the same moment. The same statement returns the worker's live assignment instead when there is
    /// one, so a claim is one statement whether it leases, finds the worker's task, or finds nothing to offer; only a
    /// lease that ran out and has not been ended yet costs two more.
    /// </summary>
    public async Task<ClaimedTask?> ClaimAsync(long workerId, DateTimeOffset now, DateTimeOffset dayStart, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (row, claimed) = await LeaseOrHeldAsync(workerId, now, Clock.Ms(dayStart), ct);
            if (row is null || claimed is not null)
            {
                return claimed;
            }

            if (attempt == 2)
            {
                return null; // ended and at once held again by a lease already past its time: nothing sensible to offer
            }

            // The worker's own lease ran out and the sweeper has not been by yet: end it, then lease anew.
            await using (var c = await db.OpenAsync(ct))
            {
                await c.ExecuteAsync(
                    """
                    WITH gone AS (
                        UPDATE assignments SET state = 'expired', finished_at = @now
                        WHERE id = @Id AND state = 'active' RETURNING task_id)
                    UPDATE tasks SET leases = leases - 1 FROM gone WHERE tasks.id = gone.task_id
                    """,
                    new { row.Id, now = Clock.Ms(now) });
            }
        }
    }

    /// <summary>
    /// A new lease for a worker who holds none, or the live assignment the worker holds, as a claimed task; a lease of
    /// the worker's that ran out comes back as its row alone (to be ended); both null when the worker holds none and no
    /// task is open to them.
    /// </summary>
    private async Task<(AssignmentRow? Row, ClaimedTask? Claimed)> LeaseOrHeldAsync(long workerId, DateTimeOffset now, long dayStart, CancellationToken ct)
    {
        if (await Claims.RunAsync(new PendingClaim(workerId, Clock.Ms(now), dayStart, NextTask.Roll()), ct) is not { Row: var row, Project: var project })
        {
            return (null, null);
        }

        var ranOut = row.Held && Clock.At(row.ExpiresAt) <= now;
        return (row, ranOut ? null : new ClaimedTask(row.ToAssignment(), project, row.ToTask()));
    }

    /// <summary>
    /// A batch of claims: each claim's own statement, all in one round trip and one implicit transaction (one commit,
    /// each table's lock taken once). A claim sees the leases taken before it in its batch, so tasks still fill depth
    /// first; other instances' claims skip the rows it leased. A claim can wait only on another transaction's live
    /// assignment of its worker, and the queue's sort by worker keeps two instances' batches from deadlocking on that.
    /// </summary>
    private async Task<ClaimedLease?[]> LeaseTogetherAsync(DbConnection c, IReadOnlyList<PendingClaim> batch)
    {
        var rows = new AssignmentRow?[batch.Count];
        await using (var command = new NpgsqlBatch((NpgsqlConnection)c))
        {
            foreach (var claim in batch)
            {
                command.BatchCommands.Add(new NpgsqlBatchCommand(LeaseOrHeld)
                {
                    Parameters =
                    {
                        new("workerId", claim.WorkerId), new("now", claim.Now), new("roll", claim.Roll), new("dayStart", claim.DayStart),
                    },
                });
            }

            await using var reader = await command.ExecuteReaderAsync();
            for (var i = 0; i < batch.Count; i++)
            {
                var parse = reader.GetRowParser<AssignmentRow>();
                rows[i] = await reader.ReadAsync() ? parse(reader) : null;
                await reader.NextResultAsync(); // after the last claim's rows: reads the batch to its end, so an error there is seen
            }
        }

        var leases = new ClaimedLease?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            leases[i] = rows[i] is { } row ? new ClaimedLease(row, await projects.GetAsync(c, null, row.ProjectId)) : null;
        }

        return leases;
    }

    /// <summary>
    /// One worker's claim (@workerId, at @now, with @roll and @dayStart): the worker's active assignment if there is one
    /// (held), else a new lease on the task <see cref="NextTask.Pick"/> finds, else no row.
    /// </summary>
    private static readonly string LeaseOrHeld = $"""
        WITH held AS (
            SELECT a.id, a.task_id, a.project_id, a.worker_id, a.state, a.expires_at, a.message_id, t.fields, t.gold_answer
            FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE a.worker_id = @workerId AND a.state = 'active'),
        picked AS (
            SELECT {NextTask.Pick(SkipLocked)} AS id
            WHERE NOT EXISTS (SELECT 1 FROM held)),
        leased AS (
            UPDATE tasks t SET leases = t.leases + 1 FROM picked WHERE t.id = picked.id
            RETURNING t.id, t.project_id, t.fields, t.gold_answer),
        assignment AS (
            INSERT INTO assignments (task_id, project_id, worker_id, state, created_at, expires_at)
            SELECT l.id, l.project_id, @workerId, 'active', @now, @now + p.time_limit_seconds * 1000
            FROM leased l JOIN projects p ON p.id = l.project_id
            RETURNING id, task_id, project_id, worker_id, state, expires_at, message_id)
        SELECT a.id, a.task_id, a.project_id, a.worker_id, a.state, a.expires_at, a.message_id, l.fields, l.gold_answer, FALSE AS held
        FROM assignment a JOIN leased l ON l.id = a.task_id
        UNION ALL
        SELECT h.id, h.task_id, h.project_id, h.worker_id, h.state, h.expires_at, h.message_id, h.fields, h.gold_answer, TRUE
        FROM held h
        """;
}
