using Dapper;

namespace Microtask.Storage;

/// <summary>One item of the admins' review queue: a worker's report on a task, or a worker's appeal against a ban.</summary>
public sealed record ReviewItem(bool IsAppeal, long Id, long WorkerId, DateTimeOffset At, string Text, long? TaskId, long? ProjectId, IReadOnlyDictionary<string, string> Fields);

/// <summary>A project an admin paused from the review queue: only an admin may resume it.</summary>
public sealed record HeldProject(long Id, string Title);

/// <summary>
/// Workers' reports on tasks and appeals against the admins' measures (bans, suspensions, paused projects): the admins'
/// review queue, oldest first; and the projects an admin holds paused.
/// </summary>
public sealed class ReportStore(IDatabase db, TimeProvider time)
{
    private const string Open = """
        SELECT 0 AS is_appeal, r.id, r.worker_id, r.created_at, r.reason AS text, r.task_id, t.project_id, t.fields
        FROM reports r JOIN tasks t ON t.id = r.task_id WHERE r.resolved_at IS NULL
        UNION ALL
        SELECT 1, a.id, a.worker_id, a.created_at, a.text, NULL, NULL, '{}' FROM appeals a WHERE a.resolved_at IS NULL
        """;

    /// <summary>How many tasks the worker has reported.</summary>
    public async Task<long> RaisedByAsync(long workerId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reports WHERE worker_id = @workerId", new { workerId });
    }

    /// <summary>Files a worker's appeal; null when one of theirs is still waiting.</summary>
    public Task<long?> AppealAsync(long workerId, string text, CancellationToken ct = default) =>
        db.InTransactionAsync<long?>(
            async (c, tx) =>
                await c.ExecuteScalarAsync<long?>("SELECT id FROM appeals WHERE worker_id = @workerId AND resolved_at IS NULL", new { workerId }, tx) is not null
                    ? null
                    : await c.ExecuteScalarAsync<long>(
                        "INSERT INTO appeals (worker_id, text, created_at) VALUES (@workerId, @text, @now) RETURNING id", new { workerId, text, now = Now }, tx),
            ct);

    /// <summary>The oldest open report or appeal.</summary>
    public Task<ReviewItem?> OldestOpenAsync(CancellationToken ct = default) =>
        QueryAsync($"SELECT * FROM ({Open}) q ORDER BY q.created_at, q.is_appeal, q.id LIMIT 1", new { }, ct);

    /// <summary>An open report or appeal by id; null when there is none or it was decided already.</summary>
    public Task<ReviewItem?> FindOpenAsync(bool isAppeal, long id, CancellationToken ct = default) =>
        QueryAsync($"SELECT * FROM ({Open}) q WHERE q.is_appeal = @kind AND q.id = @id", new { kind = isAppeal ? 1 : 0, id }, ct);

    /// <summary>Records the decision; false when someone decided first (the decision is taken once).</summary>
    public Task<bool> ResolveAsync(bool isAppeal, long id, string resolution, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) => await c.ExecuteAsync(
                $"UPDATE {(isAppeal ? "appeals" : "reports")} SET resolved_at = @now, resolution = @resolution WHERE id = @id AND resolved_at IS NULL",
                new { id, resolution, now = Now },
                tx) == 1,
            ct);

    /// <summary>Takes a task out of the pool: no new leases (those live may finish), answers already given stay.</summary>
    public Task RemoveTaskAsync(long taskId, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) => await c.ExecuteAsync("UPDATE tasks SET overlap = answers + leases, overlap_max = NULL WHERE id = @taskId", new { taskId }, tx), ct);

    /// <summary>
    /// Pauses a project on an admin's word, and makes the pause the admin's: its requester cannot resume it, even when
    /// they had paused it themselves. False when it was neither active nor paused.
    /// </summary>
    public Task<bool> PauseProjectAsync(long projectId, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) => await c.ExecuteAsync(
                "UPDATE projects SET state = 'Paused', paused_by = 'admin' WHERE id = @projectId AND state IN ('Active', 'Paused')", new { projectId }, tx) == 1,
            ct);

    /// <summary>
    /// Lifts an admin's pause: the project runs again, or stays paused for its budget when that cannot pay another
    /// answer (its requester resumes it once topped up). The state it is in now; null when no admin held it.
    /// </summary>
    public Task<string?> UnpauseProjectAsync(long projectId, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) => await c.ExecuteScalarAsync<string?>(
                """
                UPDATE projects
                SET state = CASE WHEN budget IS NULL OR budget >= reward THEN 'Active' ELSE 'Paused' END,
                    paused_by = CASE WHEN budget IS NULL OR budget >= reward THEN NULL ELSE 'budget' END
                WHERE id = @projectId AND state = 'Paused' AND paused_by = 'admin'
                RETURNING state
                """,
                new { projectId },
                tx),
            ct);

    /// <summary>The requester's projects an admin holds paused, oldest first.</summary>
    public async Task<IReadOnlyList<HeldProject>> HeldAsync(long requesterId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<(long Id, string Title)>(
            "SELECT id, title FROM projects WHERE requester_id = @requesterId AND state = 'Paused' AND paused_by = 'admin' ORDER BY id",
            new { requesterId })).Select(p => new HeldProject(p.Id, p.Title)).ToList();
    }

    private async Task<ReviewItem?> QueryAsync(string sql, object args, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<ItemRow>(sql, args);
        return row is null
            ? null
            : new ReviewItem(row.IsAppeal == 1, row.Id, row.WorkerId, Clock.At(row.CreatedAt), row.Text, row.TaskId, row.ProjectId, Json.Map(row.Fields));
    }

    private long Now => Clock.Ms(time.GetUtcNow());

    private sealed class ItemRow
    {
        public long IsAppeal { get; set; }
        public long Id { get; set; }
        public long WorkerId { get; set; }
        public long CreatedAt { get; set; }
        public string Text { get; set; } = "";
        public long? TaskId { get; set; }
        public long? ProjectId { get; set; }
        public string Fields { get; set; } = "{}";
    }
}
