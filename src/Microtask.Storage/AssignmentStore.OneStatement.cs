using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

public sealed partial class AssignmentStore
{
    /// <summary>
    /// PostgreSQL: pick, lease and record the assignment in one statement, so the task row is locked for the
    /// duration of one statement, not of a chain of round trips (three workers share a task, depth first).
    /// The lease is tried first, guarded by "the worker holds no lease": after an answer, the usual case, that one
    /// statement is the whole claim. Only when it leases nothing is the worker's current assignment looked at.
    /// </summary>
    private async Task<ClaimedTask?> ClaimInOneStatementAsync(long workerId, DateTimeOffset now, long dayStart, CancellationToken ct)
    {
        if (await LeaseInOneStatementAsync(workerId, now, dayStart, ct) is { } leased)
        {
            return leased;
        }

        await using (var c = await db.OpenAsync(ct))
        {
            var current = await c.QuerySingleOrDefaultAsync<AssignmentRow>(
                """
                SELECT a.id, a.task_id, a.project_id, a.worker_id, a.state, a.expires_at, a.message_id, t.fields, t.gold_answer
                FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE a.worker_id = @workerId AND a.state = 'active'
                """,
                new { workerId });
            if (current is null)
            {
                // No lease and no task: nothing to offer. (Or a lease that ended between the two statements: one more try.)
                return await LeaseInOneStatementAsync(workerId, now, dayStart, ct);
            }

            if (Clock.At(current.ExpiresAt) > now)
            {
                return await ClaimedAsync(c, current);
            }

            // The worker's own lease ran out and the sweeper has not been by yet: end it first.
            await c.ExecuteAsync(
                """
                WITH gone AS (
                    UPDATE assignments SET state = 'expired', finished_at = @now
                    WHERE id = @Id AND state = 'active' RETURNING task_id)
                UPDATE tasks SET leases = leases - 1 FROM gone WHERE tasks.id = gone.task_id
                """,
                new { current.Id, now = Clock.Ms(now) });
        }

        return await LeaseInOneStatementAsync(workerId, now, dayStart, ct);
    }

    /// <summary>A new lease for a worker who holds none (else null, as when no task is open to them).</summary>
    private Task<ClaimedTask?> LeaseInOneStatementAsync(long workerId, DateTimeOffset now, long dayStart, CancellationToken ct) =>
        db.WriteAsync(
            async c =>
            {
                var row = await c.QuerySingleOrDefaultAsync<AssignmentRow>(
                    $"""
                    WITH picked AS (
                        SELECT {PickTask} AS id
                        WHERE NOT EXISTS (SELECT 1 FROM assignments h WHERE h.worker_id = @workerId AND h.state = 'active')),
                    leased AS (
                        UPDATE tasks t SET leases = t.leases + 1 FROM picked WHERE t.id = picked.id
                        RETURNING t.id, t.project_id, t.fields, t.gold_answer),
                    assignment AS (
                        INSERT INTO assignments (task_id, project_id, worker_id, state, created_at, expires_at)
                        SELECT l.id, l.project_id, @workerId, 'active', @now, @now + p.time_limit_seconds * 1000
                        FROM leased l JOIN projects p ON p.id = l.project_id
                        RETURNING id, task_id, project_id, worker_id, state, expires_at, message_id)
                    SELECT a.id, a.task_id, a.project_id, a.worker_id, a.state, a.expires_at, a.message_id, l.fields, l.gold_answer
                    FROM assignment a JOIN leased l ON l.id = a.task_id
                    """,
                    new { workerId, now = Clock.Ms(now), roll = Roll(), dayStart });
                return row is null ? null : await ClaimedAsync(c, row);
            },
            ct);

    private async Task<ClaimedTask> ClaimedAsync(System.Data.Common.DbConnection c, AssignmentRow row) =>
        new(row.ToAssignment(), await projects.GetAsync(c, null, row.ProjectId), new TaskItem(row.TaskId, row.ProjectId, Json.Map(row.Fields), row.GoldAnswer));
}
