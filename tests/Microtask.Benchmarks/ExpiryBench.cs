using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microtask.Bot.Jobs;
using Microtask.Bot.Workers;
using Microtask.Storage;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Benchmarks;

/// <summary>
/// <c>--expiry N</c>: N leases past their end at once, ended two ways. First as production ends them one by one:
/// each lease's own <see cref="LeaseExpiryJob"/>, run as Hangfire would, four at a time (its worker count on two
/// cores); then all at once by the sweeper (<see cref="LeaseSweepJob"/>), the safety net after a restart. The
/// leases are written straight into the tables; the bot's own minutely sweep may end a few of the first run's (they still count as run).
/// </summary>
internal static class ExpiryBench
{
    private const int HangfireWorkers = 4;
    private const long FirstTelegramId = 9_000_000;

    public static async Task<int> RunAsync(int leases, BenchOptions options)
    {
        Console.WriteLine($"{leases} due leases per run; {Environment.ProcessorCount} cores");
        foreach (var backend in options.Backends)
        {
            await using var bot = await BotUnderLoad.StartAsync(backend, options);
            await bot.CreateProjectAsync(leases);
            await AddWorkersAsync(bot.Database, leases);

            var ids = await DueLeasesAsync(bot.Database);
            var jobs = Stopwatch.StartNew();
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = HangfireWorkers }, async (id, _) =>
            {
                await using var scope = bot.App.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<LeaseExpiryJob>().RunAsync(id);
            });
            jobs.Stop();
            var expired = await CountAsync(bot.Database, "SELECT COUNT(*) FROM assignments WHERE state = 'expired'");
            Console.WriteLine($"[{backend}] per-lease expiry jobs, {HangfireWorkers} at a time: {ids.Count} run in {jobs.Elapsed.TotalSeconds:0.00} s = {ids.Count / jobs.Elapsed.TotalSeconds:0} leases/s ({expired} expired)");

            await ReleaseAsync(bot.Database);
            var again = await DueLeasesAsync(bot.Database);
            var sweep = Stopwatch.StartNew();
            await bot.App.Services.GetRequiredService<LeaseSweepJob>().RunAsync();
            sweep.Stop();
            var left = await CountAsync(bot.Database, "SELECT COUNT(*) FROM assignments WHERE state = 'active'");
            Console.WriteLine($"[{backend}] the sweeper: {again.Count} due leases ended in {sweep.Elapsed.TotalSeconds:0.00} s = {again.Count / sweep.Elapsed.TotalSeconds:0} leases/s; {left} left active");
            if (left != 0 || await CountAsync(bot.Database, "SELECT COUNT(*) FROM tasks WHERE leases <> 0") != 0)
            {
                Console.WriteLine($"[{backend}] BROKEN: leases left behind");
                return 1;
            }
        }

        return 0;
    }

    private static async Task AddWorkersAsync(IDatabase db, int count)
    {
        await using var c = await db.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync(
            """
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < @count)
            INSERT INTO workers (telegram_id, name, language, consented, created_at) SELECT @first + i, 'w', 'en', TRUE, 0 FROM s
            """,
            new { count, first = FirstTelegramId });
    }

    /// <summary>One lease per benchmark worker, each on its own task, all past their end.</summary>
    private static async Task<IReadOnlyList<long>> DueLeasesAsync(IDatabase db)
    {
        await using var c = await db.OpenAsync(CancellationToken.None);
        var due = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1000;
        await c.ExecuteAsync(
            """
            INSERT INTO assignments (task_id, project_id, worker_id, state, created_at, expires_at)
            SELECT t.id, t.project_id, w.id, 'active', @due - 60000, @due
            FROM (SELECT id, project_id, ROW_NUMBER() OVER (ORDER BY id) AS rn FROM tasks) t
            JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS rn FROM workers WHERE telegram_id > @first) w ON w.rn = t.rn;
            UPDATE tasks SET leases = 1 WHERE id IN (SELECT task_id FROM assignments WHERE state = 'active');
            """,
            new { due, first = FirstTelegramId });
        return (await c.QueryAsync<long>("SELECT id FROM assignments WHERE state = 'active' ORDER BY id")).ToList();
    }

    /// <summary>Between runs: the first run's leases out of the way (as if answered long ago), so each worker may lease again.</summary>
    private static async Task ReleaseAsync(IDatabase db)
    {
        await using var c = await db.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync("DELETE FROM assignments; UPDATE tasks SET leases = 0;");
    }

    private static async Task<long> CountAsync(IDatabase db, string sql)
    {
        await using var c = await db.OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>(sql);
    }
}
