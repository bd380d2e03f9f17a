using System.Diagnostics;
using Microtask.Benchmarks;

// The load tool: the emulator, the real bot and N simulated workers in this one process; see docs/benchmarks.md.
// --crash N: two bot processes killed N times under load (separate processes: SIGKILL needs one).
// --outage redis|postgres: the same two processes under load while Redis stops for 30 s, or PostgreSQL restarts.
if (args is ["--outage", var outage])
{
    Watchdog(TimeSpan.FromMinutes(20));
    return await CrashBench.RunAsync(0, outage);
}

if (args is ["--crash", var kills])
{
    Watchdog(TimeSpan.FromMinutes(20));
    return await CrashBench.RunAsync(int.Parse(kills, System.Globalization.CultureInfo.InvariantCulture));
}

// --scale N [--seconds S] [--workers W] [--rate R] [--bot-cpu C] [--analyze-at A]: N bot processes in webhook mode, no
// faults: answers/s and latency (workers pressing at once, or thinking so that they offer R answers a second in all);
// with --bot-cpu each bot process runs under a CPU quota of C cores (a cgroup of its own, as a container's limit; needs
// root); with --analyze-at an ANALYZE runs A seconds into the window.
if (args is ["--scale", var count, ..])
{
    Watchdog(TimeSpan.FromMinutes(15));
    return await ScaleBench.RunAsync(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), args);
}

// --media [--backend …] [--workers N] [--seconds S] [--tasks T]: a text project, then an image project, in one run.
if (args is ["--media", ..])
{
    var media = BenchOptions.Parse(args[1..]);
    Watchdog(TimeSpan.FromSeconds(media.Backends.Length * 2 * (media.WarmupSeconds + media.Seconds + 300)));
    return await MediaBench.RunAsync(media);
}

// --onboarding N [--backend …]: N new users from /start through the practice to their first paid answer, at a human pace.
if (args is ["--onboarding", var newcomers, ..])
{
    var onboarding = BenchOptions.Parse(args[2..]);
    Watchdog(TimeSpan.FromMinutes(10));
    return await OnboardingBench.RunAsync(onboarding, int.Parse(newcomers, System.Globalization.CultureInfo.InvariantCulture));
}

// --aggregation DIR: the results' aggregation against known answers of public crowd data sets kept in DIR (not shipped).
if (args is ["--aggregation", var sets])
{
    return AggregationBench.Run(sets);
}

// --pay-estimate [--backend …]: the pay per hour tasks show against what a simulated crowd's workers then earn.
if (args is ["--pay-estimate", ..])
{
    Watchdog(TimeSpan.FromMinutes(10));
    return await PayEstimateBench.RunAsync(BenchOptions.Parse(args[1..]).Backends);
}

// --overlap [--backend …] [--tasks T=1000] [--seed S=26]: dynamic overlap against fixed overlap 5, on simulated crowds.
if (args is ["--overlap", ..])
{
    var tasks = 1000;
    var seed = 26;
    var rest = new List<string>();
    for (var i = 1; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--tasks" when i + 1 < args.Length: tasks = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
            case "--seed" when i + 1 < args.Length: seed = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
            default: rest.Add(args[i]); break;
        }
    }

    var overlap = BenchOptions.Parse([.. rest]);
    Watchdog(TimeSpan.FromMinutes(60));
    return await OverlapBench.RunAsync(overlap, tasks, seed);
}

if (HostileBench.Requested(args)) return await HostileBench.RunAsync(args); // --hostile N [--backend sqlite|postgres]

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

// The data modes run on PostgreSQL alone, with no simulated workers.
if (options.Import is { } rows)
{
    Watchdog(TimeSpan.FromMinutes(30));
    return await ImportBench.RunAsync(rows, options);
}

if (options.Export is { } answers)
{
    Watchdog(TimeSpan.FromMinutes(60));
    return await ExportBench.RunAsync(answers, options);
}

if (options.Nudge is { } nudged)
{
    Watchdog(TimeSpan.FromMinutes(40));
    return await NudgeBench.RunAsync(nudged, options);
}

if (options.Expiry is { } due)
{
    Watchdog(TimeSpan.FromMinutes(30));
    return await ExpiryBench.RunAsync(due, options);
}

// Bounded time whatever happens: setup, warm-up, window and drain per backend, then pgbench.
Watchdog(TimeSpan.FromSeconds(options.Backends.Length * (options.WarmupSeconds + options.Seconds + 240) + (options.Pgbench ? options.PgbenchSeconds + 300 : 0)));

Console.WriteLine($"{options.Workers} workers, {options.WarmupSeconds} s warm-up + {options.Seconds} s measured, {options.Tasks} tasks × overlap {BenchOptions.Overlap}; " +
    $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
LoadAverage("before");
var runs = new List<(LoadResult, InvariantReport)>();
foreach (var backend in options.Backends)
{
    var setup = Stopwatch.StartNew();
    await using var bot = await BotUnderLoad.StartAsync(backend, options);
    await bot.CreateProjectAsync(options.Tasks);
    Console.WriteLine($"[{backend}] bot up and {options.Tasks} tasks created in {setup.Elapsed.TotalSeconds:0.0} s; starting {options.Workers} workers");
    var load = new LoadRun(bot, options);
    var result = await load.RunAsync(backend);
    var checks = await InvariantReport.CheckAsync(bot, load.Users, load.Completed);
    Console.WriteLine($"[{backend}] {result.Answers} answers in {result.Seconds} s = {result.PerSecond:0} answers/s, p50 {result.Latency.P50:0.0} ms, p99 {result.Latency.P99:0.0} ms; invariants {(checks.Holds ? "hold" : "BROKEN")}");
    runs.Add((result, checks));
    LoadAverage($"after {backend}");
}

double? tps = null;
if (options.Pgbench)
{
    Console.WriteLine($"pgbench: -i -s {PgBench.Scale}, then -c {PgBench.Clients} -j {PgBench.Threads} -T {options.PgbenchSeconds}");
    tps = await PgBench.RunAsync(options.PgbenchSeconds);
}

using (var self = Process.GetCurrentProcess())
{
    Console.WriteLine($"process peak working set (whole run, all backends): {self.PeakWorkingSet64 / 1048576.0:0} MiB");
}

Console.WriteLine();
Console.WriteLine(Report.Markdown(runs, tps, options.PgbenchSeconds));
return runs.All(r => r.Item2.Holds) ? 0 : 1;

static void Watchdog(TimeSpan budget) =>
    _ = Task.Delay(budget).ContinueWith(_ =>
    {
        Console.Error.WriteLine($"benchmark ran past its {budget.TotalSeconds:0} s budget; exiting");
        Environment.Exit(3);
    }, TaskScheduler.Default);

// Other work on the machine skews every figure; the 1-minute load average says how much there was.
static void LoadAverage(string when) => Console.WriteLine($"load average {when}: {Machine.LoadAverage}");
