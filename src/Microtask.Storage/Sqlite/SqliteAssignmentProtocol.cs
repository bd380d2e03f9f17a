using System.Data.Common;
using Dapper;
using Microtask.Core;

namespace Microtask.Storage.Sqlite;

/// <summary>
/// SQLite's assignment protocol: each write in steps, in a transaction of its own. SQLite has one writer at a time, so
/// there is nothing to batch and no row lock to shorten.
/// </summary>
public sealed partial class SqliteAssignmentProtocol(SqliteDatabase db, ProjectCache projects, TimeProvider time) : IAssignmentProtocol
{
    private static readonly string PickTask = NextTask.Pick(rowLock: "");

    public Task<ClaimedTask?> ClaimAsync(long workerId, DateTimeOffset now, DateTimeOffset dayStart, CancellationToken ct) =>
        db.InTransactionAsync((c, tx) => ClaimAsync(c, tx, workerId, now, Clock.Ms(dayStart)), ct);

    public Task SetMessageAsync(long assignmentId, long messageId, CancellationToken ct) =>
        db.WriteAsync(
            c => c.ExecuteAsync("UPDATE assignments SET message_id = @messageId WHERE id = @assignmentId", new { assignmentId, messageId }),
            ct);

    public Task<IReadOnlyList<ExpiredLease>> ExpireDueAsync(long? assignmentId, CancellationToken ct) =>
        db.InTransactionAsync<IReadOnlyList<ExpiredLease>>(
            async (c, tx) =>
            {
                var now = time.GetUtcNow();
                var which = assignmentId is null ? "" : "AND a.id = @assignmentId";
                var due = (await c.QueryAsync<AssignmentRow>(
                    $"""
                    SELECT a.id, a.task_id, a.project_id, a.worker_id, a.state, a.expires_at, a.message_id, a.reminder_message_id, w.telegram_id, w.language
                    FROM assignments a JOIN workers w ON w.id = a.worker_id
                    WHERE a.state = 'active' AND a.expires_at <= @now {which}
                    ORDER BY a.id
                    """,
                    new { now = Clock.Ms(now), assignmentId },
                    tx)).ToList();
                var ended = new List<ExpiredLease>();
                foreach (var lease in due)
                {
                    if (await AssignmentStore.FinishAsync(c, tx, lease.Id, AssignmentState.Expired, now) is not null)
                    {
                        ended.Add(new ExpiredLease(lease.ToAssignment() with { State = AssignmentState.Expired }, lease.TelegramId, lease.Language, lease.ReminderMessageId));
                    }
                }

                return ended;
            },
            ct);

    private async Task<ClaimedTask?> ClaimAsync(DbConnection c, DbTransaction tx, long workerId, DateTimeOffset now, long dayStart)
    {
        var current = await c.QuerySingleOrDefaultAsync<AssignmentRow>(
            $"SELECT {AssignmentStore.Columns} FROM assignments WHERE worker_id = @workerId AND state = 'active'", new { workerId }, tx);
        if (current is not null)
        {
            if (Clock.At(current.ExpiresAt) > now)
            {
                return await AssignmentStore.LoadAsync(c, tx, current, projects);
            }

            await AssignmentStore.FinishAsync(c, tx, current.Id, AssignmentState.Expired, now);
        }

        var task = await c.QuerySingleOrDefaultAsync<TaskRow>(
            $"""
            UPDATE tasks SET leases = leases + 1
            WHERE id = {PickTask}
            RETURNING id, project_id, fields, gold_answer
            """,
            new { workerId, roll = NextTask.Roll(), dayStart, now = Clock.Ms(now) },
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
}
