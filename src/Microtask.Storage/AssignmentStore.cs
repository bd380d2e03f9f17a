using System.Data.Common;
using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

/// <summary>A lease that ran out, with the chat that shows it.</summary>
public sealed record ExpiredLease(Assignment Assignment, long ChatId, string Language);

/// <summary>
/// The assignment protocol's writes: claim, submit, release, expire. Each is one transaction, and the
/// tasks table's own CHECK (answers + leases &lt;= overlap) is the last word on overlap.
/// </summary>
public sealed partial class AssignmentStore(IDatabase db, ProjectCache projects, TimeProvider time)
{
    private const string Columns = "id, task_id, project_id, worker_id, state, expires_at, message_id";
    private const int ConflictRetries = 5;

    /// <summary>The task to lease: open, in an active project, not yet seen by the worker, closest to done.</summary>
    private string PickTask => $"""
        SELECT t.id FROM tasks t JOIN projects p ON p.id = +t.project_id
        WHERE p.state = 'Active' AND t.overlap - t.answers - t.leases > 0
          AND NOT EXISTS (
              SELECT 1 FROM assignments a
              WHERE a.worker_id = @workerId AND a.task_id = t.id AND a.state IN ('active', 'submitted', 'skipped', 'reported'))
        ORDER BY t.answers DESC, t.id
        LIMIT 1 {db.SkipLocked}
        """;

    /// <summary>
    /// The worker's live assignment if there is one, else a new lease on the task that is closest to done
    /// (depth first) among those the worker has not answered, skipped or reported. Null when nothing is available.
    /// </summary>
    public async Task<ClaimedTask?> ClaimAsync(long workerId, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return db.HasWritableCtes
                    ? await ClaimInOneStatementAsync(workerId, time.GetUtcNow(), ct)
                    : await db.InTransactionAsync((c, tx) => ClaimAsync(c, tx, workerId, time.GetUtcNow()), ct);
            }
            catch (DbException e) when (attempt < ConflictRetries && Conflicts.IsConflict(e))
            {
                // Two claims raced for the same worker or the same last slot; the next try sees the winner.
            }
        }
    }

    private async Task<ClaimedTask?> ClaimAsync(DbConnection c, DbTransaction tx, long workerId, DateTimeOffset now)
    {
        var current = await c.QuerySingleOrDefaultAsync<AssignmentRow>(
            $"SELECT {Columns} FROM assignments WHERE worker_id = @workerId AND state = 'active'", new { workerId }, tx);
        if (current is not null)
        {
            if (Clock.At(current.ExpiresAt) > now)
            {
                return await LoadAsync(c, tx, current);
            }

            await FinishAsync(c, tx, [current.Id], AssignmentState.Expired, now);
        }

        var task = await c.QuerySingleOrDefaultAsync<TaskRow>(
            $"""
            UPDATE tasks SET leases = leases + 1
            WHERE id = ({PickTask})
            RETURNING id, project_id, fields, gold_answer
            """,
            new { workerId },
            tx);
        if (task is null)
        {
            return null;
        }

        var project = await projects.GetAsync(c, tx, task.ProjectId);
        var expiresAt = now + project.TimeLimit;
        var id = await c.ExecuteScalarAsync<long>(
            """
            INSERT INTO assignments (task_id, project_id, worker_id, state, created_at, expires_at)
            VALUES (@Id, @ProjectId, @workerId, 'active', @now, @expires) RETURNING id
            """,
            new { task.Id, task.ProjectId, workerId, now = Clock.Ms(now), expires = Clock.Ms(expiresAt) },
            tx);
        var assignment = new Assignment(id, task.Id, task.ProjectId, workerId, expiresAt, AssignmentState.Active, null);
        return new ClaimedTask(assignment, project, task.ToTask());
    }

    /// <summary>Any assignment by id, with its project and task, whatever its state.</summary>
    public async Task<ClaimedTask?> FindAsync(long assignmentId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<AssignmentRow>(
            """
            SELECT a.id, a.task_id, a.project_id, a.worker_id, a.state, a.expires_at, a.message_id, t.fields, t.gold_answer
            FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE a.id = @assignmentId
            """,
            new { assignmentId });
        return row is null ? null : await ClaimedAsync(c, row);
    }

    /// <summary>The worker's assignment that is active and not yet past its time limit.</summary>
    public async Task<ClaimedTask?> FindLiveAsync(long workerId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<AssignmentRow>(
            $"SELECT {Columns} FROM assignments WHERE worker_id = @workerId AND state = 'active' AND expires_at > @now",
            new { workerId, now = Clock.Ms(time.GetUtcNow()) });
        return row is null ? null : await LoadAsync(c, null, row);
    }

    /// <summary>Remembers which chat message shows the assignment, so that expiry can edit it.</summary>
    public Task SetMessageAsync(long assignmentId, long messageId, CancellationToken ct = default) =>
        db.WriteAsync(
            c => c.ExecuteAsync("UPDATE assignments SET message_id = @messageId WHERE id = @assignmentId", new { assignmentId, messageId }),
            ct);

    /// <summary>Ends a live assignment without an answer (skip, pause, report); false when it was not live and the worker's.</summary>
    public Task<bool> ReleaseAsync(long assignmentId, long workerId, AssignmentState state, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var owned = await c.ExecuteScalarAsync<long?>(
                    "SELECT id FROM assignments WHERE id = @assignmentId AND worker_id = @workerId AND state = 'active'",
                    new { assignmentId, workerId },
                    tx);
                return owned is not null && await FinishAsync(c, tx, [assignmentId], state, time.GetUtcNow()) == 1;
            },
            ct);

    /// <summary>Ends a live assignment because the worker reported its task, and records the report.</summary>
    public Task<bool> ReportAsync(long assignmentId, long workerId, ReportReason reason, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var taskId = await c.ExecuteScalarAsync<long?>(
                    "SELECT task_id FROM assignments WHERE id = @assignmentId AND worker_id = @workerId AND state = 'active'",
                    new { assignmentId, workerId },
                    tx);
                if (taskId is null)
                {
                    return false;
                }

                var now = time.GetUtcNow();
                await FinishAsync(c, tx, [assignmentId], AssignmentState.Reported, now);
                await c.ExecuteAsync(
                    "INSERT INTO reports (task_id, worker_id, reason, created_at) VALUES (@taskId, @workerId, @reason, @now)",
                    new { taskId, workerId, reason = reason.ToString(), now = Clock.Ms(now) },
                    tx);
                return true;
            },
            ct);

    /// <summary>Ends every active lease past its time limit and returns their slots to the pool.</summary>
    public Task<IReadOnlyList<ExpiredLease>> ExpireDueAsync(CancellationToken ct = default) =>
        db.InTransactionAsync<IReadOnlyList<ExpiredLease>>(
            async (c, tx) =>
            {
                var now = time.GetUtcNow();
                var due = (await c.QueryAsync<AssignmentRow>(
                    """
                    SELECT a.id, a.task_id, a.project_id, a.worker_id, a.state, a.expires_at, a.message_id, w.telegram_id, w.language
                    FROM assignments a JOIN workers w ON w.id = a.worker_id
                    WHERE a.state = 'active' AND a.expires_at <= @now
                    """,
                    new { now = Clock.Ms(now) },
                    tx)).ToList();
                await FinishAsync(c, tx, due.Select(a => a.Id).ToArray(), AssignmentState.Expired, now);
                return due.Select(a => new ExpiredLease(a.ToAssignment() with { State = AssignmentState.Expired }, a.TelegramId, a.Language)).ToList();
            },
            ct);

    /// <summary>Moves active assignments to a final state and gives their slots back; returns how many moved.</summary>
    internal static async Task<int> FinishAsync(DbConnection c, DbTransaction tx, long[] ids, AssignmentState state, DateTimeOffset now)
    {
        var moved = 0;
        foreach (var id in ids)
        {
            var taskId = await c.ExecuteScalarAsync<long?>(
                "UPDATE assignments SET state = @state, finished_at = @now WHERE id = @id AND state = 'active' RETURNING task_id",
                new { id, state = States.Of(state), now = Clock.Ms(now) },
                tx);
            if (taskId is { } t)
            {
                await c.ExecuteAsync("UPDATE tasks SET leases = leases - 1 WHERE id = @t", new { t }, tx);
                moved++;
            }
        }

        return moved;
    }

    private async Task<ClaimedTask> LoadAsync(DbConnection c, DbTransaction? tx, AssignmentRow row)
    {
        var task = await c.QuerySingleAsync<TaskRow>(
            "SELECT id, project_id, fields, gold_answer FROM tasks WHERE id = @TaskId", new { row.TaskId }, tx);
        return new ClaimedTask(row.ToAssignment(), await projects.GetAsync(c, tx, row.ProjectId), task.ToTask());
    }
}
