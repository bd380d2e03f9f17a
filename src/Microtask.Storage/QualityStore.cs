using Dapper;
using Microtask.Core.Quality;

namespace Microtask.Storage;

/// <summary>A worker's record on one project, as admins see it in /user.</summary>
public sealed record ProjectQuality(long ProjectId, QualityRecord Record);

/// <summary>A project's tasks, and how many of them are gold.</summary>
public sealed record GoldTasks(int Gold, int Tasks);

/// <summary>Reads the per-project records the answer transaction keeps (worker_quality), and what the rules are judged against.</summary>
public sealed class QualityStore(IDatabase db)
{
    /// <summary>The worker's records, the projects with the most flags and gold answers first.</summary>
    public async Task<IReadOnlyList<ProjectQuality>> ForWorkerAsync(long workerId, int limit, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(
            """
            SELECT project_id, gold_correct, gold_total, fast_flags, qualified FROM worker_quality
            WHERE worker_id = @workerId ORDER BY fast_flags DESC, gold_total DESC, project_id LIMIT @limit
            """,
            new { workerId, limit });
        return rows.Select(r => new ProjectQuality(r.ProjectId, new QualityRecord((int)r.GoldCorrect, (int)r.GoldTotal, (int)r.FastFlags, r.Qualified))).ToList();
    }

    /// <summary>The project's tasks and its gold tasks.</summary>
    public async Task<GoldTasks> GoldTasksAsync(long projectId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleAsync<GoldRow>(
            """
            SELECT COUNT(*) AS tasks, CAST(COALESCE(SUM(CASE WHEN gold_answer IS NOT NULL THEN 1 ELSE 0 END), 0) AS bigint) AS gold
            FROM tasks WHERE project_id = @projectId
            """,
            new { projectId });
        return new GoldTasks((int)row.Gold, (int)row.Tasks);
    }

    /// <summary>
    /// The workers who answered any task since <paramref name="since"/>: the crowd a project's gold spreads over. One
    /// index probe per worker (answers by worker and time), never a scan of the answers.
    /// </summary>
    public async Task<int> ActiveWorkersAsync(DateTimeOffset since, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (int)await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM workers w WHERE EXISTS (SELECT 1 FROM answers a WHERE a.worker_id = w.id AND a.created_at >= @since)",
            new { since = Clock.Ms(since) });
    }

    private sealed class GoldRow
    {
        public long Gold { get; set; }
        public long Tasks { get; set; }
    }

    private sealed class Row
    {
        public long ProjectId { get; set; }
        public long GoldCorrect { get; set; }
        public long GoldTotal { get; set; }
        public long FastFlags { get; set; }
        public bool Qualified { get; set; }
    }
}
