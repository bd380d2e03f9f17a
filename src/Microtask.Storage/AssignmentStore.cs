using System.Data.Common;
using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

/// <summary>A lease that ran out, with the chat that shows it and the message that reminded the worker of it, if one did.</summary>
public sealed record ExpiredLease(Assignment Assignment, long ChatId, string Language, long? ReminderMessageId = null);

/// <summary>
/// The assignment protocol's writes: claim, show, release, expire. Each is one transaction, and the tasks table's own
/// CHECK (answers + leases &lt;= overlap) is the last word on overlap. The hot writes are the engine's
/// (<see cref="IAssignmentProtocol"/>).
/// </summary>
public sealed partial class AssignmentStore(IDatabase db, IAssignmentProtocol protocol, ProjectCache projects, TimeProvider time)
{
    internal const string Columns = "id, task_id, project_id, worker_id, state, expires_at, message_id";
    private const int ConflictRetries = 5;

    /// <summary>
    /// Whether a claim could give the worker a task now, by the claim's own conditions (<see cref="NextTask"/>),
    /// without taking or locking anything: the daily nudge asks this before it disturbs anyone.
    /// </summary>
    public async Task<bool> HasTaskForAsync(long workerId, DateTimeOffset dayStart, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(
            $"SELECT COALESCE(({NextTask.Candidates(NextTask.OrdinaryTasks, "t.id")}), ({NextTask.Candidates(NextTask.GoldTasks, "t.id")}))", new { workerId, dayStart = Clock.Ms(dayStart), now = Clock.Ms(time.GetUtcNow()) }) is not null;
    }

    /// <summary>
    /// The worker's live assignment if there is one, else a new lease on the task that is closest to done
    /// (depth first) among those the worker has not answered, skipped or reported. Null when nothing is available.
    /// </summary>
    public Task<ClaimedTask?> ClaimAsync(long workerId, CancellationToken ct = default) => ClaimAsync(workerId, null, ct);

    /// <inheritdoc cref="ClaimAsync(long, CancellationToken)"/>
    /// <param name="dayStart">Where the worker's day began, for projects' daily caps; midnight UTC when null.</param>
    public async Task<ClaimedTask?> ClaimAsync(long workerId, DateTimeOffset? dayStart, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            try
            {
                return await protocol.ClaimAsync(workerId, now, dayStart ?? new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero), ct);
            }
            catch (DbException e) when (attempt < ConflictRetries && Conflicts.IsConflict(e))
            {
                // Two claims raced for the same worker or the same last slot; the next try sees the winner.
            }
        }
    }

    /// <summary>Remembers which chat message shows the assignment, so that expiry can edit it.</summary>
    public Task SetMessageAsync(long assignmentId, long messageId, CancellationToken ct = default) =>
        protocol.SetMessageAsync(assignmentId, messageId, ct);

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
        return row is null ? null : new ClaimedTask(row.ToAssignment(), await projects.GetAsync(c, null, row.ProjectId), row.ToTask());
    }

    /// <summary>The worker's assignment that is active and not yet past its time limit.</summary>
    public async Task<ClaimedTask?> FindLiveAsync(long workerId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<AssignmentRow>(
            $"SELECT {Columns} FROM assignments WHERE worker_id = @workerId AND state = 'active' AND expires_at > @now",
            new { workerId, now = Clock.Ms(time.GetUtcNow()) });
        return row is null ? null : await LoadAsync(c, null, row, projects);
    }

    /// <summary>An assignment read without its task, with its task and project.</summary>
    internal static async Task<ClaimedTask> LoadAsync(DbConnection c, DbTransaction? tx, AssignmentRow row, ProjectCache projects)
    {
        var task = await c.QuerySingleAsync<TaskRow>(
            "SELECT id, project_id, fields, gold_answer FROM tasks WHERE id = @TaskId", new { row.TaskId }, tx);
        return new ClaimedTask(row.ToAssignment(), await projects.GetAsync(c, tx, row.ProjectId), task.ToTask());
    }
}
