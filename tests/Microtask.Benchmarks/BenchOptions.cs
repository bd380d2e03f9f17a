namespace Microtask.Benchmarks;

/// <summary>
/// The command line: which backends, how many workers, how long, how many tasks — or one of the data modes,
/// <c>--import R</c> (a batch of R rows against psql's \copy) and <c>--export A</c> (/results of A answers).
/// </summary>
internal sealed record BenchOptions(
    string[] Backends, int Workers, int Seconds, int WarmupSeconds, int Tasks, int PgbenchSeconds, bool Pgbench, int? Import = null, int? Export = null, int? Nudge = null, int? Expiry = null)
{
    public const int Overlap = 3;

    // Sized for a ceiling of 2,000 answers/s over warm-up, window and drain, so the pool does not run dry.
    private const int AssumedCeilingPerSecond = 2_000;

    public static string Postgres =>
        Environment.GetEnvironmentVariable("MICROTASK_BENCH_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=microtask;Password=microtask;Database=microtask_test";

    /// <summary>
    /// A fresh emulator counts update ids from 1 again, so each run's keys get a prefix of their own
    /// (Microtask:RedisPrefix); the benchmark also keeps to a database index of its own and empties it first.
    /// </summary>
    public static string Redis =>
        Environment.GetEnvironmentVariable("MICROTASK_BENCH_REDIS") ?? "127.0.0.1:6379,defaultDatabase=14";

    public const string Usage =
        "usage: Microtask.Benchmarks [--backend sqlite|postgres|both] [--workers N=200] [--seconds S=30] [--warmup W=5]\n" +
        "                            [--tasks T=auto] [--pgbench-seconds P=20] [--no-pgbench]\n" +
        "       Microtask.Benchmarks --import ROWS     (PostgreSQL: validate + import a batch, against psql \\copy)\n" +
        "       Microtask.Benchmarks --export ANSWERS  (PostgreSQL: /results of a project with that many answers)\n" +
        "       Microtask.Benchmarks --nudge WORKERS   (the daily reminder to that many workers: our cost, rate lifted; the default rate)\n" +
        "       Microtask.Benchmarks --expiry LEASES   (that many due leases ended by their own jobs, then by the sweeper)";

    public static BenchOptions Parse(string[] args)
    {
        string backend = "both";
        int workers = 200, seconds = 30, warmup = 5, pgbenchSeconds = 20;
        int? tasks = null, import = null, export = null, nudge = null, expiry = null;
        var pgbench = true;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.TryParse(Value(), out var n) && n > 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a positive number");
            switch (args[i])
            {
                case "--backend": backend = Value(); break;
                case "--workers": workers = Number(); break;
                case "--seconds": seconds = Number(); break;
                case "--warmup": warmup = Number(); break;
                case "--tasks": tasks = Number(); break;
                case "--pgbench-seconds": pgbenchSeconds = Number(); break;
                case "--no-pgbench": pgbench = false; break;
                case "--import": import = Number(); break;
                case "--export": export = Number(); break;
                case "--nudge": nudge = Number(); break;
                case "--expiry": expiry = Number(); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        string[] backends = backend switch
        {
            "sqlite" => ["sqlite"],
            "postgres" => ["postgres"],
            "both" => ["sqlite", "postgres"],
            _ => throw new ArgumentException("--backend must be sqlite, postgres or both"),
        };
        var auto = AssumedCeilingPerSecond * (warmup + seconds + 10) / Overlap + workers * Overlap;
        if (import is not null && export is not null)
        {
            throw new ArgumentException("--import and --export are separate runs");
        }

        return new BenchOptions(backends, workers, seconds, warmup, tasks ?? auto, pgbenchSeconds, pgbench && backends.Contains("postgres"), import, export, nudge, expiry);
    }
}
