using System.Globalization;
using Dapper;
using Npgsql;

namespace Microtask.Benchmarks;

/// <summary>
/// What the run database's busy backends are doing, sampled four times a second over the window: on the CPU, or
/// waiting and for what (a row or relation lock, an internal LWLock, the client, I/O). Instances that contend for
/// shared rows show it as lock waits that grow with the second instance.
/// </summary>
internal sealed class PostgresWaits(string postgres, string database)
{
    private readonly Dictionary<string, long> seen = [];
    private int samples;
    private long connections;

    public async Task SampleAsync(CancellationToken ct)
    {
        await using var source = NpgsqlDataSource.Create(postgres);
        await using var c = await source.OpenConnectionAsync(ct);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var rows = (await c.QueryAsync<(string Kind, long Count)>(
                    """
                    SELECT CASE WHEN state = 'active' THEN COALESCE(wait_event_type, 'CPU') ELSE 'connection' END, COUNT(*) FROM pg_stat_activity
                    WHERE datname = @database AND pid <> pg_backend_pid() GROUP BY 1
                    """,
                    new { database })).ToList();
                connections = Math.Max(connections, rows.Sum(r => r.Count));
                rows.RemoveAll(r => r.Kind == "connection");
                foreach (var (kind, count) in rows)
                {
                    seen[kind] = seen.GetValueOrDefault(kind) + count;
                }

                samples++;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The average number of busy backends in each state, e.g. "CPU 0.8, Lock 0.1, LWLock 0.2", and the most connections seen.</summary>
    public override string ToString() => samples == 0 ? "no samples" : string.Join(", ", seen.OrderByDescending(p => p.Value)
        .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value / (double)samples:0.00}"))) + $"; connections to the database at most {connections} (the tool's own included)";
}
