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

    /// <summary>
    /// The task to lease: open, in an active project, not yet seen by the worker, closest to done (depth first).
    /// Gold is mixed in at the project's rate: the best gold candidate among the projects whose gold percent the claim's
    /// roll falls under (the roll is a condition of the search, so a gold row the roll then refuses is never locked),
    /// else the best ordinary task, else whatever is left: with no ordinary task left, that is a gold one whatever the
    /// roll. COALESCE stops at the first candidate found, and each search walks a partial index of its own (gold or
    /// ordinary: an index of all open tasks would be one more entry to write on each of the two updates of a task an
    /// answer makes). The unary plus on project_id keeps SQLite's planner on those indexes instead of the project index.
    /// </summary>
    private string PickTask => $"""
        COALESCE(
            ({Candidates($"AND t.gold_answer IS NOT NULL AND @roll < p.gold_percent AND {AnyGoldRate}", "t.id")}),
            ({Candidates(OrdinaryTasks, "t.id")}),
            ({Candidates(GoldTasks, "t.id")}))
        """;

    private const string OrdinaryTasks = "AND t.gold_answer IS NULL";
    private const string GoldTasks = "AND t.gold_answer IS NOT NULL";

    /// <summary>
    /// Whether the roll falls under any active project's gold percent: it names no row of the search, so PostgreSQL
    /// decides it once, before the gold index is walked; most rolls fall above every rate and walk nothing.
    /// </summary>
    private const string AnyGoldRate = "@roll < (SELECT MAX(gp.gold_percent) FROM projects gp WHERE gp.state = 'Active')";

    private string Candidates(string kind, string columns, bool locking = true) => $"""
        SELECT {columns} FROM tasks t JOIN projects p ON p.id = +t.project_id
        WHERE p.state = 'Active' {kind} AND t.overlap - t.answers - t.leases > 0
          AND (p.budget IS NULL OR p.budget >= p.reward)
          AND (p.daily_cap IS NULL OR p.id NOT IN ({CappedProjects}))
          AND {NotBanned}
          AND {QualifiedOrGold}
          AND NOT EXISTS (
              SELECT 1 FROM assignments a
              WHERE a.worker_id = @workerId AND a.task_id = t.id AND a.state IN ('active', 'submitted', 'skipped', 'reported'))
        ORDER BY t.answers DESC, t.id
        LIMIT 1 {(locking ? db.SkipLocked : "")}
        """;

    /// <summary>
    /// No platform ban and no suspension from the project in force (@now): both subqueries name only the worker,
    /// so they are evaluated once per claim, not once per candidate task.
    /// </summary>
    private const string NotBanned = """
        NOT EXISTS (SELECT 1 FROM bans pb WHERE pb.worker_id = @workerId AND pb.project_id IS NULL AND pb.until > @now)
          AND p.id NOT IN (SELECT sb.project_id FROM bans sb WHERE sb.worker_id = @workerId AND sb.project_id IS NOT NULL AND sb.until > @now)
        """;

    /// <summary>
    /// A project that asks for a qualification offers the worker only its gold tasks until the worker has passed it;
    /// the subquery names only the worker, so it is evaluated once per claim.
    /// </summary>
    private const string QualifiedOrGold = """
        (t.gold_answer IS NOT NULL OR p.qualification = 0
          OR p.id IN (SELECT q.project_id FROM worker_quality q WHERE q.worker_id = @workerId AND q.qualified))
        """;

    /// <summary>The projects whose daily cap the worker has reached today (since @dayStart, the worker's local midnight).</summary>
    private const string CappedProjects = """
        SELECT d.project_id FROM answers d JOIN projects dp ON dp.id = d.project_id
        WHERE d.worker_id = @workerId AND d.created_at >= @dayStart AND dp.daily_cap IS NOT NULL
        GROUP BY d.project_id, dp.daily_cap HAVING COUNT(*) >= dp.daily_cap
        """;

    /// <summary>
    /// Whether a claim could give the worker a task now, by the claim's own conditions (<see cref="Candidates"/>),
    /// without taking or locking anything: the daily nudge asks this before it disturbs anyone.
    /// </summary>
    public async Task<bool> HasTaskForAsync(long workerId, DateTimeOffset dayStart, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(
            $"SELECT COALESCE(({Candidates(OrdinaryTasks, "t.id", locking: false)}), ({Candidates(GoldTasks, "t.id", locking: false)}))", new { workerId, dayStart = Clock.Ms(dayStart), now = Clock.Ms(time.GetUtcNow()) }) is not null;
    }

    /// <summary>Gold is mixed in by chance, claim by claim, at each project's rate.</summary>
    private static int Roll() => Random.Shared.Next(100);

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
            var day = Clock.Ms(dayStart ?? new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero));
            try
            {
                return db.HasWritableCtes
                    ? await ClaimInOneStatementAsync(workerId, now, day, ct)
                    : await db.InTransactionAsync((c, tx) => ClaimAsync(c, tx, workerId, now, day), ct);
            }
            catch (DbException e) when (attempt < ConflictRetries && Conflicts.IsConflict(e))
            {
                // Two claims raced for the same worker or the same last slot; the next try sees the winner.
            }
        }
    }

    private async Task<ClaimedTask?> ClaimAsync(DbConnection c, DbTransaction tx, long workerId, DateTimeOffset now, long dayStart)
    {
        var current = await c.QuerySingleOrDefaultAsync<AssignmentRow>(
            $"SELECT {Columns} FROM assignments WHERE worker_id = @workerId AND state = 'active'", new { workerId }, tx);
        if (current is not null)
        {
            if (Clock.At(current.ExpiresAt) > now)
            {
                return await LoadAsync(c, tx, current);
            }

            await FinishAsync(c, tx, current.Id, AssignmentState.Expired, now);
        }

        var task = await c.QuerySingleOrDefaultAsync<TaskRow>(
            $"""
            UPDATE tasks SET leases = leases + 1
            WHERE id = {PickTask}
            RETURNING id, project_id, fields, gold_answer
            """,
            new { workerId, roll = Roll(), dayStart, now = Clock.Ms(now) },
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

    private async Task<ClaimedTask> LoadAsync(DbConnection c, DbTransaction? tx, AssignmentRow row)
    {
        var task = await c.QuerySingleAsync<TaskRow>(
            "SELECT id, project_id, fields, gold_answer FROM tasks WHERE id = @TaskId", new { row.TaskId }, tx);
        return new ClaimedTask(row.ToAssignment(), await projects.GetAsync(c, tx, row.ProjectId), task.ToTask());
    }
}
