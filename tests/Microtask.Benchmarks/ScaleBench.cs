using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;
using Microtask.Storage.Postgres;
using Npgsql;

namespace Microtask.Benchmarks;

/// <summary>
/// --scale N: N bot processes (the built Microtask.Bot.dll, as deployed) in webhook mode behind the emulator's
/// round-robin delivery, sharing one PostgreSQL and one Redis; this process holds only the emulator and the simulated
/// workers. No faults: answers per second and the latency from a press to the next task, to compare one instance with
/// two on the same machine. Same worker loop as the in-process load run (<see cref="LoadRun"/>): each worker presses
/// as soon as its next task is there, so with W workers the latency is W / throughput whatever the bot does. With
/// <c>--rate R</c> the workers think between tasks instead (random pauses, R answers a second in all, as people
/// would): the latency then is what a worker sees at that rate, and the highest rate that keeps p99 under a bound
/// is the figure to compare.
/// </summary>
internal static partial class ScaleBench
{
    public static async Task<int> RunAsync(int count, string[] args)
    {
        var seconds = Option(args, "--seconds", 20);
        var workers = Option(args, "--workers", 200);
        var known = Option(args, "--known-workers", 0);
        var live = Option(args, "--live-leases", 0);
        var rate = Option(args, "--rate", 0);
        var analyzeAt = Option(args, "--analyze-at", -1); // an ANALYZE this many seconds into the window: what auto-analyze does to the latency
        if (analyzeAt >= seconds)
        {
            Console.Error.WriteLine($"--analyze-at {analyzeAt} is past the {seconds} s window");
            return 2;
        }
        // --bot-cpu C: each bot process limited to C of a core (a container's CPU limit), so that the bots, not the
        // machine, are what runs out, and two instances can show twice one's answers if they do not contend.
        var botCpu = args.SkipWhile(a => a != "--bot-cpu").Skip(1).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault();
        var think = rate > 0 ? TimeSpan.FromSeconds(workers / (double)rate) : TimeSpan.Zero;
        const int warmup = 5;
        const int analyzeBefore = 3; // seconds before the window: the re-planning after it settles before the window opens
        var database = "mt_scale_" + Guid.NewGuid().ToString("N")[..12];
        await BotUnderLoad.AdminAsync($"CREATE DATABASE {database}");
        var postgres = new NpgsqlConnectionStringBuilder(BenchOptions.Postgres) { Database = database }.ToString();
        await using var emulator = await BotApiEmulator.StartAsync(new EmulatorOptions { Port = 0 });
        emulator.WebhookMode = WebhookMode.RoundRobin;
        var instances = Enumerable.Range(0, count).Select(_ => BotProcess.FreePort())
            .Select(port => new BotProcess(port, botCpu > 0 ? CpuCap.Create($"microtask-bench-{port}", botCpu) : null)).ToList();
        try
        {
            foreach (var instance in instances)
            {
                await instance.StartAsync(emulator, postgres, database, logLevel: "Warning");
            }

            await using (var source = NpgsqlDataSource.Create(postgres))
            {
                await new ProjectStore(new PostgresDatabase(source), TimeProvider.System).CreateAsync(
                    new NewProject("Scale", "Pick any", AnswerKind.SingleChoice, ["a", "b", "c"], "{{text}}", 10, 3, TimeSpan.FromMinutes(10), Budget: 100_000_000),
                    Enumerable.Range(1, 2_000 * (warmup + seconds + 10) / 3 + 3 * workers)
                        .Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"item {i}" }, i % 10 == 0 ? "a" : null)).ToList(), // gold, as in LoadRun
                    ProjectState.Active);
            }

            if (known > 0 || live > 0)
            {
                await SeedAsync(postgres, known, live);
                Console.WriteLine($"seeded {known} known workers and {live} live leases; bot memory now {instances[0].Memory().Now:0} MiB");
            }

            var users = Enumerable.Range(1, workers).Select(i => emulator.CreateUser($"S{i}", "en")).ToList();
            var first = await Task.WhenAll(users.Select(u => LoadRun.StartAsync(emulator, u.Id)));
            var begin = Stopwatch.GetTimestamp();
            var windowStart = begin + warmup * Stopwatch.Frequency;
            var windowEnd = windowStart + seconds * Stopwatch.Frequency;
            using var sampler = new UsageSampler();
            var waits = new PostgresWaits(postgres, database);
            using var stopWaits = new CancellationTokenSource();
            var botUsed = TimeSpan.Zero;
            var throttled = new (long Periods, long Throttled)[count];
            TimeSpan analyzedBefore = default, analyzeTook = default;
            var windowWall = DateTimeOffset.UtcNow + Until(windowStart); // autovacuum's times are wall-clock times
            var sampling = Task.Run(async () =>
            {
                await Task.Delay(Until(windowStart - analyzeBefore * Stopwatch.Frequency));
                var analyzed = Stopwatch.GetTimestamp();
                await AnalyzeAsync(postgres);
                analyzedBefore = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), windowStart);
                analyzeTook = Stopwatch.GetElapsedTime(analyzed);
                await Task.Delay(Until(windowStart)); // at once if ANALYZE ran past it
                sampler.Begin();
                var waiting = waits.SampleAsync(stopWaits.Token);
                var midAnalyze = analyzeAt < 0 ? Task.CompletedTask : Task.Run(async () =>
                {
                    await Task.Delay(Until(windowStart + analyzeAt * Stopwatch.Frequency));
                    await AnalyzeAsync(postgres);
                });
                botUsed = -instances.Aggregate(TimeSpan.Zero, (sum, i) => sum + i.Cpu());
                var before = instances.Select(i => i.Cap?.Throttling() ?? default).ToArray();
                await Task.Delay(Until(windowEnd));
                botUsed += instances.Aggregate(TimeSpan.Zero, (sum, i) => sum + i.Cpu());
                var after = instances.Select(i => i.Cap?.Throttling() ?? default).ToArray();
                throttled = after.Zip(before, (a, b) => (a.Periods - b.Periods, a.Throttled - b.Throttled)).ToArray();
                sampler.End();
                await stopWaits.CancelAsync();
                await waiting;
                await midAnalyze;
            });
            var done = await Task.WhenAll(users.Select((u, i) => Task.Run(() => WorkAsync(emulator, u.Id, first[i], windowEnd, think))));
            await sampling;
            var all = done.SelectMany(d => d).ToList();
            var answers = all.Count(a => a.Done >= windowStart && a.Done < windowEnd);
            var latency = Percentiles.Of(all.Where(a => a.Pressed >= windowStart && a.Pressed < windowEnd)
                .Select(a => Stopwatch.GetElapsedTime(a.Pressed, a.Done).TotalMilliseconds).ToList());

            await using var check = NpgsqlDataSource.Create(postgres);
            await using var c = await check.OpenConnectionAsync();
            var overOverlap = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tasks WHERE answers > overlap");
            var doubled = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM (SELECT 1 FROM answers GROUP BY task_id, worker_id HAVING COUNT(*) > 1) d");
            var ledger = await c.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(amount), 0) FROM ledger");
            var usage = sampler.Result;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count} instance(s), {workers} workers{(rate > 0 ? $" offering {rate} answers/s" : " as fast as they can")}, {seconds} s: {answers} answers = {answers / (double)seconds:0} answers/s, p50 {latency.P50:0} ms, p95 {latency.P95:0} ms, p99 {latency.P99:0} ms, max {latency.Max:0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU over the window: this process (emulator + workers) {usage.ProcessCpu * 100:0} %, everything else (the bot processes, PostgreSQL, Redis) {usage.OtherCpu * 100:0} % of all cores"));
            // Per answer: the bot processes' own CPU, and the rest of "everything else" (PostgreSQL and Redis, chiefly).
            var cores = Environment.ProcessorCount * (double)seconds;
            var restCpu = usage.OtherCpu * cores - botUsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU per answer: the bot processes {botUsed.TotalMilliseconds / Math.Max(1, answers):0.00} ms, PostgreSQL + Redis + the rest {restCpu * 1000 / Math.Max(1, answers):0.00} ms, the emulator and the workers {usage.ProcessCpu * cores * 1000 / Math.Max(1, answers):0.00} ms"));
            Console.WriteLine($"PostgreSQL's busy backends on average: {waits}");
            Console.WriteLine(WindowStalls.SlowSeconds(all.Where(a => a.Pressed >= windowStart && a.Pressed < windowEnd).Select(a => (a.Pressed, a.Done)), windowStart));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the tool's ANALYZE took {analyzeTook.TotalSeconds:0.0} s and ended {analyzedBefore.TotalSeconds:0.0} s before the window; ") +
                await WindowStalls.AutovacuumAsync(c, windowWall, seconds));
            if (botCpu > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"each bot process capped at {instances[0].Cap}: {botUsed.TotalSeconds / seconds / count:0.00} of a core used on average; throttled in {string.Join(", ", throttled.Select(t => $"{t.Throttled} of {t.Periods}"))} periods"));
            }

            if (known > 0 || live > 0)
            {
                // The minutely sweeper walks every live lease (and puts back into Redis those it lacks): wait for a run.
                await c.ExecuteAsync("SELECT 1");
                await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(BenchOptions.Redis + ",allowAdmin=true");
                await redis.GetDatabase().ExecuteAsync("FLUSHDB");
                Console.WriteLine("Redis emptied; waiting 75 s for the sweeper to restore the live leases");
                await Task.Delay(TimeSpan.FromSeconds(75));
                var restored = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: $"mt-crash-{database}:lease:*").Count();
                Console.WriteLine($"leases back in Redis: {restored}");
            }

            foreach (var instance in instances)
            {
                var (peak, now) = instance.Memory();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bot process :{instance.Port}: peak resident memory {peak:0} MiB, now {now:0} MiB"));
            }

            var holds = overOverlap == 0 && doubled == 0 && ledger == 0;
            Console.WriteLine($"tasks over overlap {overOverlap}, doubled answers {doubled}, ledger sum {ledger}: invariants {(holds ? "hold" : "BROKEN")}");
            return holds ? 0 : 1;
        }
        finally
        {
            await BotProcess.StopAllAsync(instances, database);
        }
    }

    /// <summary>The time left until a <see cref="Stopwatch"/> timestamp, never less than zero.</summary>
    private static TimeSpan Until(long timestamp) =>
        TimeSpan.FromTicks(Math.Max(0, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp).Ticks));

    /// <summary>
    /// The statistics a deployment has after autovacuum's first pass, taken up to 3 s before the window (re-planning every
    /// statement after it stalled the window's first second when it was taken 2 s before). The database is
    /// created for the run, so without this the planner may still believe assignments empty when the bot first
    /// prepares its statements (autovacuum looks at most once a minute): in two runs of nine a lookup by
    /// primary key then scanned the whole growing table for the rest of the run (1,378 buffers a call against 6).
    /// </summary>
    private static async Task AnalyzeAsync(string postgres)
    {
        await using var source = NpgsqlDataSource.Create(postgres);
        await new PostgresDatabase(source).ExecuteAsync("ANALYZE", timeoutSeconds: 60);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <param name="think">The mean pause between one task's arrival and the press on it (exponential, so that the
    /// workers together press as a Poisson stream); zero presses at once.</param>
    private static async Task<List<(long Pressed, long Done)>> WorkAsync(BotApiEmulator emulator, long user, ChatMessage task, long until, TimeSpan think)
    {
        var done = new List<(long, long)>(capacity: 256);
        while (Stopwatch.GetTimestamp() < until)
        {
            if (think > TimeSpan.Zero)
            {
                await Task.Delay(think * -Math.Log(1 - Random.Shared.NextDouble()));
            }

            var answer = task.Buttons.FirstOrDefault(b => b.CallbackData?.StartsWith("a:", StringComparison.Ordinal) == true)?.CallbackData;
            if (answer is null)
            {
                break; // the pool ran dry
            }

            var pressed = Stopwatch.GetTimestamp();
            emulator.PressButton(user, task.MessageId, answer);
            var last = task.MessageId;
            try
            {
                task = await emulator.WaitForMessageAsync(user, m => m.MessageId > last && (LoadRun.IsTask(m) || LoadRun.Has(m, "n")), LoadRun.AnswerWait);
            }
            catch (TimeoutException)
            {
                Console.Error.WriteLine($"worker {user}: no next task within 30 s");
                break;
            }

            done.Add((pressed, Stopwatch.GetTimestamp()));
        }

        return done;
    }
}
