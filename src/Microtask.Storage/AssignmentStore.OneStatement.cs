using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

public sealed partial class AssignmentStore
{
    /// <summary>
    /// PostgreSQL: pick, lease and record the assignment in one statement, so the task row is locked for the
    /// duration of one statement, not of a chain of round trips (three workers share a task, depth first).
    /// The same statement returns the worker's live assignment instead when there is one (the lease is guarded by it),
    /// so a claim is one statement whether it leases, finds the worker's task, or finds nothing to offer; only a lease
    /// that ran out and has not been ended yet costs two more.
    /// </summary>
    private async Task<ClaimedTask?> ClaimInOneStatementAsync(long workerId, DateTimeOffset now, long dayStart, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (row, claimed) = await LeaseOrHeldAsync(workerId, now, dayStart, ct);
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
    private Task<(AssignmentRow? Row, ClaimedTask? Claimed)> LeaseOrHeldAsync(long workerId, DateTimeOffset now, long dayStart, CancellationToken ct) =>
        db.WriteAsync<(AssignmentRow?, ClaimedTask?)>(
            async c =>
            {
                var row = await c.QuerySingleOrDefaultAsync<AssignmentRow>(
                    $"""
                    WITH held AS (
                        SELECT a.id, a.task_id, a.project_id, a.worker_id, a.state, a.expires_at, a.message_id, t.fields, t.gold_answer
                        FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE a.worker_id = @workerId AND a.state = 'active'),
                    picked AS (
                        SELECT {PickTask} AS id
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
                    """,
                    new { workerId, now = Clock.Ms(now), roll = Roll(), dayStart });
                var ranOut = row is { Held: true } && Clock.At(row.ExpiresAt) <= now;
                return (row, row is null || ranOut ? null : await ClaimedAsync(c, row));
            },
            ct);

    private async Task<ClaimedTask> ClaimedAsync(System.Data.Common.DbConnection c, AssignmentRow row) =>
        new(row.ToAssignment(), await projects.GetAsync(c, null, row.ProjectId), new TaskItem(row.TaskId, row.ProjectId, Json.Map(row.Fields), row.GoldAnswer));
}
