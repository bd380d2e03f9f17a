using Hangfire;
using Microtask.Bot.Shared;
using IDatabase = Microtask.Storage.IDatabase;

namespace Microtask.Bot.Hosting;

/// <summary>
/// Reads the workload gauges from the database and this host's Hangfire storage every <see cref="Every"/>, so a scrape
/// (or ten load balancers' scrapes) never runs a query. Wall-clock time: it paces I/O, not the domain.
/// </summary>
internal sealed class WorkloadGauges(IDatabase db, JobStorage jobs, BotMetrics metrics, ILogger<WorkloadGauges> log) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    // Each count walks a partial index: assignments_live_expiry; tasks_ordinary_with_slots and tasks_gold_with_slots
    // (the unary plus keeps SQLite's planner off the project index, as in the claim).
    private const string LiveLeasesSql = "SELECT COUNT(*) FROM assignments WHERE state = 'active'";

    private static readonly string TasksWaitingSql = $"SELECT ({TasksWaiting("IS NULL")}) + ({TasksWaiting("IS NOT NULL")})";

    private static string TasksWaiting(string gold) => $"""
        SELECT COUNT(*) FROM tasks t JOIN projects p ON p.id = +t.project_id
        WHERE p.state = 'Active' AND t.gold_answer {gold} AND t.overlap - t.answers - t.leases > 0
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        do
        {
            metrics.SetWorkload(await ReadAsync(stoppingToken));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One reading of the gauges; a count that cannot be read is null.</summary>
    internal async Task<Workload> ReadAsync(CancellationToken ct) =>
        new(await CountAsync(LiveLeasesSql, ct), await CountAsync(TasksWaitingSql, ct), FailedJobs());

    private async Task<long?> CountAsync(string sql, CancellationToken ct)
    {
        try
        {
            await using var c = await db.OpenAsync(ct);
            await using var command = c.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (!ct.IsCancellationRequested) // a failure here must never stop the host
        {
            log.LogDebug("Workload gauge not read: {Error}", e.GetType().Name);
            return null; // /readyz tells the operator the database is away; the gauge just goes quiet
        }
    }

    private long? FailedJobs()
    {
        try
        {
            return jobs.GetMonitoringApi().FailedCount();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogDebug("Failed-jobs gauge not read: {Error}", e.GetType().Name);
            return null;
        }
    }
}
