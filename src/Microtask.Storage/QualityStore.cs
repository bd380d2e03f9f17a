using Dapper;
using Microtask.Core.Quality;

namespace Microtask.Storage;

/// <summary>A worker's record on one project, as admins see it in /user.</summary>
public sealed record ProjectQuality(long ProjectId, QualityRecord Record);

/// <summary>Reads the per-project records the answer transaction keeps (worker_quality).</summary>
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

    private sealed class Row
    {
        public long ProjectId { get; set; }
        public long GoldCorrect { get; set; }
        public long GoldTotal { get; set; }
        public long FastFlags { get; set; }
        public bool Qualified { get; set; }
    }
}
