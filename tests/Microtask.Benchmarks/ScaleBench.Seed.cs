using Dapper;
using Npgsql;

namespace Microtask.Benchmarks;

/// <summary>The data a <c>--known-workers</c> / <c>--live-leases</c> run starts with.</summary>
internal static partial class ScaleBench
{
    /// <summary>Known workers (never seen by this run's bot) and live leases on the first tasks, straight into the tables.</summary>
    private static async Task SeedAsync(string postgres, int known, int live)
    {
        await using var source = NpgsqlDataSource.Create(postgres);
        await using var c = await source.OpenConnectionAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await c.ExecuteAsync(
            """
            INSERT INTO workers (telegram_id, name, language, created_at, consented)
            SELECT 900000000 + i, 'Known ' || i, CASE WHEN i % 2 = 0 THEN 'id' ELSE 'en' END, @now, TRUE FROM generate_series(1, @known) i
            """,
            new { known, now },
            commandTimeout: 300);
        await c.ExecuteAsync(
            """
            INSERT INTO assignments (task_id, project_id, worker_id, state, created_at, expires_at)
            SELECT t.id, t.project_id, w.id, 'active', @now, @now + 600000
            FROM (SELECT id, project_id, row_number() OVER (ORDER BY id) AS n FROM tasks ORDER BY id LIMIT @live) t
            JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM workers WHERE telegram_id > 900000000 ORDER BY id LIMIT @live) w ON w.n = t.n;
            UPDATE tasks SET leases = leases + 1 WHERE id IN (SELECT task_id FROM assignments WHERE state = 'active');
            """,
            new { live, now },
            commandTimeout: 300);
    }
}
