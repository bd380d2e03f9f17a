using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Sandbox;
using Microtask.Storage;
using Microtask.Storage.Postgres;
using Npgsql;

namespace Microtask.Benchmarks;

/// <summary>
/// --crash N: two bot processes in webhook mode behind the emulator's round-robin delivery, one PostgreSQL and one
/// Redis, simulated workers answering all along, and N times an instance killed with SIGKILL and started again.
/// Afterwards: every answer a worker saw confirmed ("Saved") is in PostgreSQL, no task is over its overlap, no answer
/// is doubled, no lease outlives its expiry, the ledger sums to zero; and what the workers saw (retries, failure
/// replies, waits) is counted. See docs/reliability.md.
/// </summary>
internal static class CrashBench
{
    private const int Workers = 30;
    private const int Overlap = 3;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BetweenKills = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <param name="outage">
    /// Instead of kills: "redis" stops the Redis server for 30 s (SHUTDOWN NOSAVE, then started again, empty), "postgres"
    /// restarts the PostgreSQL cluster (pg_ctlcluster 15 main restart), both under load. Needs root, on this machine.
    /// </param>
    public static async Task<int> RunAsync(int kills, string? outage = null)
    {
        var database = "mt_crash_" + Guid.NewGuid().ToString("N")[..12];
        await BotUnderLoad.AdminAsync($"CREATE DATABASE {database}");
        var postgres = new NpgsqlConnectionStringBuilder(BenchOptions.Postgres) { Database = database }.ToString();
        await using var emulator = await BotApiEmulator.StartAsync(new EmulatorOptions { Port = 0 });
        emulator.WebhookMode = WebhookMode.RoundRobin;
        var instances = new[] { new BotProcess(BotProcess.FreePort()), new BotProcess(BotProcess.FreePort()) };
        try
        {
            foreach (var instance in instances)
            {
                await instance.StartAsync(emulator, postgres, database);
            }

            await using var source = NpgsqlDataSource.Create(postgres);
            var db = new PostgresDatabase(source);
            await new ProjectStore(db, TimeProvider.System).CreateAsync(
                // Every tenth task gold ("a"), scored in a transaction after the answer's own commit, so a kill can fall
                // between the two; the workers press at random, so no accuracy bar (they would all be suspended).
                new NewProject("Crash", "Pick any", AnswerKind.SingleChoice, ["a", "b", "c"], "{{text}}", 10, Overlap, TimeLimit, Budget: 10_000_000,
                    Rules: QualityRules.Default with { MinAccuracy = 0 }),
                Enumerable.Range(1, 20_000).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"item {i}" }, i % 10 == 0 ? "a" : null)).ToList(),
                ProjectState.Active);

            var seen = new Seen();
            using var stop = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            var users = Enumerable.Range(1, Workers).Select(i => emulator.CreateUser($"C{i}", "en")).ToList();
            var work = users.Select(u => WorkAsync(emulator, u.Id, seen, stop.Token)).ToList();

            var downtimes = new List<double>();
            if (outage is not null)
            {
                await Task.Delay(BetweenKills);
                downtimes.Add(await OutageAsync(outage, seen, clock));
            }

            for (var k = 0; k < kills; k++)
            {
                await Task.Delay(BetweenKills);
                var victim = instances[k % instances.Length];
                var before = seen.Confirmed.Count;
                victim.Kill();
                var down = Stopwatch.StartNew();
                await victim.StartAsync(emulator, postgres, database);
                downtimes.Add(down.Elapsed.TotalSeconds);
                Console.WriteLine($"kill {k + 1}/{kills}: instance :{victim.Port} killed at {clock.Elapsed.TotalSeconds:0.0} s, back after {down.Elapsed.TotalSeconds:0.0} s; answers confirmed so far {seen.Confirmed.Count} (+{seen.Confirmed.Count - before} since the last kill)");
            }

            await Task.Delay(BetweenKills);
            await stop.CancelAsync();
            await Task.WhenAll(work);
            var seconds = clock.Elapsed.TotalSeconds;

            // Leases left behind by the kills end at their time limit (a Hangfire job each, or the sweeper every minute).
            Console.WriteLine($"workers stopped; waiting {TimeLimit.TotalSeconds + 70:0} s for the last leases to end");
            await Task.Delay(TimeLimit + TimeSpan.FromSeconds(70));
            source.Clear(); // an outage run restarted the server under the pool's connections
            await using var c = await source.OpenConnectionAsync();
            var stored = (await c.QueryAsync<long>("SELECT assignment_id FROM answers")).ToHashSet();
            var missing = seen.Confirmed.Keys.Count(id => !stored.Contains(id));
            var overOverlap = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tasks WHERE answers > overlap");
            var miscounted = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tasks t WHERE t.answers <> (SELECT COUNT(*) FROM answers a WHERE a.task_id = t.id)");
            var doubled = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM (SELECT 1 FROM answers GROUP BY task_id, worker_id HAVING COUNT(*) > 1) d");
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var stuck = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM assignments WHERE state = 'active' AND expires_at < @cutoff", new { cutoff = now - 60_000 });
            var leaseDrift = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tasks t WHERE t.leases <> (SELECT COUNT(*) FROM assignments a WHERE a.task_id = t.id AND a.state = 'active')");
            var ledger = await c.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(amount), 0) FROM ledger");
            var gold = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM answers a JOIN tasks t ON t.id = a.task_id WHERE t.gold_answer IS NOT NULL");
            var unscored = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM answers a JOIN tasks t ON t.id = a.task_id WHERE t.gold_answer IS NOT NULL AND a.gold_correct IS NULL");
            var scoreDrift = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM workers w WHERE w.gold_total <> (SELECT COUNT(*) FROM answers a WHERE a.worker_id = w.id AND a.gold_correct IS NOT NULL)");
            var answers = stored.Count;

            Console.WriteLine();
            Console.WriteLine(outage is null
                ? $"{kills} kills (SIGKILL) of 2 webhook instances over {seconds:0} s, {Workers} workers; restart to serving {downtimes.Average():0.0} s on average (max {downtimes.Max():0.0} s)"
                : $"{outage} outage under 2 webhook instances over {seconds:0} s, {Workers} workers; answers flowing again {downtimes[0]:0.0} s after the server was back");
            Console.WriteLine($"answers stored {answers} ({answers / seconds:0}/s); confirmed to workers {seen.Confirmed.Count}; confirmed but missing {missing}");
            Console.WriteLine($"tasks over overlap {overOverlap}; answer counters off {miscounted}; doubled answers {doubled}; leases past expiry {stuck}; lease counters off {leaseDrift}; ledger sum {ledger}");
            Console.WriteLine($"gold answers {gold}, of them stored but not scored (a kill between the answer's commit and its scoring) {unscored}; workers whose gold record disagrees with their scored answers {scoreDrift}");
            Console.WriteLine($"what workers saw: presses that needed a retry {seen.Retries}, failure replies {seen.Failures}, 'already answered' {seen.AlreadyAnswered}, updates unconfirmed after {Patience.TotalSeconds:0} s {seen.Unconfirmed}");
            var holds = missing == 0 && overOverlap == 0 && miscounted == 0 && doubled == 0 && stuck == 0 && leaseDrift == 0 && ledger == 0 && scoreDrift == 0;
            Console.WriteLine($"invariants {(holds ? "hold" : "BROKEN")}");
            return holds ? 0 : 1;
        }
        finally
        {
            await BotProcess.StopAllAsync(instances, database);
        }
    }

    /// <summary>
    /// Takes the server away under load and brings it back; the seconds from its return until workers' answers are
    /// confirmed again (at least 10 more than at its return).
    /// </summary>
    private static async Task<double> OutageAsync(string what, Seen seen, Stopwatch clock)
    {
        var before = (Confirmed: seen.Confirmed.Count, seen.Failures, seen.Retries, seen.Unconfirmed);
        Console.WriteLine($"{what} outage at {clock.Elapsed.TotalSeconds:0.0} s; answers confirmed so far {before.Confirmed}");
        switch (what)
        {
            case "redis":
                await Shell("redis-cli", "-p 6379 shutdown nosave", mayFail: true);
                await Task.Delay(TimeSpan.FromSeconds(30));
                Console.WriteLine($"  during the 30 s without Redis: answers confirmed +{seen.Confirmed.Count - before.Confirmed}, failure replies +{seen.Failures - before.Failures}, retries +{seen.Retries - before.Retries}");
                await Shell("redis-server", "--port 6379 --bind 127.0.0.1 --daemonize yes --save \"\" --appendonly no --dir /tmp");
                break;
            case "postgres":
                await Shell("pg_ctlcluster", "15 main restart -m fast");
                Console.WriteLine($"  restart took {clock.Elapsed.TotalSeconds:0.0} s into the run; during it: answers confirmed +{seen.Confirmed.Count - before.Confirmed}, failure replies +{seen.Failures - before.Failures}, retries +{seen.Retries - before.Retries}");
                break;
            default:
                throw new ArgumentException($"unknown outage '{what}' (redis or postgres)");
        }

        var back = Stopwatch.StartNew();
        var atReturn = seen.Confirmed.Count;
        while (seen.Confirmed.Count < atReturn + 10 && back.Elapsed < Patience)
        {
            await Task.Delay(100);
        }

        Console.WriteLine($"  {what} back at {clock.Elapsed.TotalSeconds - back.Elapsed.TotalSeconds:0.0} s; 10 more answers confirmed after {back.Elapsed.TotalSeconds:0.0} s");
        return back.Elapsed.TotalSeconds;
    }

    private static async Task Shell(string file, string arguments, bool mayFail = false)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !mayFail)
        {
            throw new InvalidOperationException($"{file} {arguments} failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }

    /// <summary>What the simulated workers saw.</summary>
    private sealed class Seen
    {
        public ConcurrentDictionary<long, bool> Confirmed { get; } = new();
        public int Retries;
        public int Failures;
        public int AlreadyAnswered;
        public int Unconfirmed;
    }

    /// <summary>One worker: start, then answer whatever comes until stopped; an unanswered press is pressed again.</summary>
    private static async Task WorkAsync(BotApiEmulator emulator, long user, Seen seen, CancellationToken stop)
    {
        var random = new Random((int)user);
        await UntilConfirmedAsync(emulator, emulator.SendText(user, "/start"), seen);
        while (!stop.IsCancellationRequested)
        {
            var bot = emulator.Transcript(user).Where(m => m.FromBot).ToList();
            var task = bot.LastOrDefault(m => m.Keyboard.Count > 0 && m.Keyboard[0][0].CallbackData!.StartsWith("a:", StringComparison.Ordinal));
            if (task is null)
            {
                // Not started yet (the first updates may have met a kill): agree if asked, else ask for a task.
                var prompt = bot.LastOrDefault(m => m.Keyboard.SelectMany(r => r).Any(b => b.CallbackData is "c" or "n"));
                var button = prompt?.Keyboard.SelectMany(r => r).First(b => b.CallbackData is "c" or "n").CallbackData;
                await UntilConfirmedAsync(emulator, prompt is not null ? emulator.PressButton(user, prompt.MessageId, button!) : emulator.SendText(user, "/task"), seen);
                continue;
            }

            var data = task.Keyboard[0][random.Next(task.Keyboard[0].Count)].CallbackData!;
            var assignment = long.Parse(data.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
            for (var attempt = 0; attempt < 5 && !stop.IsCancellationRequested; attempt++)
            {
                var failuresBefore = emulator.Transcript(user).Count(m => m.FromBot && m.PlainText.StartsWith("Sorry, something went wrong", StringComparison.Ordinal));
                var toastsBefore = emulator.CallbackAnswers(user).Count;
                await UntilConfirmedAsync(emulator, emulator.PressButton(user, task.MessageId, data), seen);
                var shown = emulator.Transcript(user).Single(m => m.MessageId == task.MessageId).PlainText;
                if (emulator.Transcript(user).Count(m => m.FromBot && m.PlainText.StartsWith("Sorry, something went wrong", StringComparison.Ordinal)) > failuresBefore)
                {
                    Interlocked.Increment(ref seen.Failures);
                }

                if (emulator.CallbackAnswers(user).Skip(toastsBefore).Any(a => a.Text?.Contains("already", StringComparison.OrdinalIgnoreCase) == true))
                {
                    Interlocked.Increment(ref seen.AlreadyAnswered);
                }

                if (shown.Contains("Saved:", StringComparison.Ordinal))
                {
                    seen.Confirmed[assignment] = true;
                    break;
                }

                if (shown.Contains("Time is up", StringComparison.Ordinal))
                {
                    break;
                }

                Interlocked.Increment(ref seen.Retries);
                if (seen.Retries <= 3)
                {
                    Console.WriteLine($"retry: the task message shows: {shown.Replace('\n', ' ')}; toasts: {string.Join(" | ", emulator.CallbackAnswers(user).Skip(toastsBefore).Select(a => a.Text))}");
                }
            }
        }
    }

    private static async Task UntilConfirmedAsync(BotApiEmulator emulator, long update, Seen seen)
    {
        try
        {
            await emulator.WaitUntilConfirmedAsync(update, Patience);
        }
        catch (TimeoutException)
        {
            Interlocked.Increment(ref seen.Unconfirmed);
        }
    }
}
