using Microtask.Storage;
using Microtask.Storage.Postgres;
using Microtask.Storage.Sqlite;
using Npgsql;

namespace Microtask.Benchmarks;

/// <summary>A clock a simulation moves by hand: the stores stamp leases and answers with it.</summary>
internal sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}

/// <summary>
/// The real stores on a fresh database of one engine, without the bot: for simulated crowds, whose workers' time is
/// simulated too (<see cref="Clock"/>), so a crowd of hours runs in seconds through the claims and answers the bot makes.
/// </summary>
internal sealed class SimulatedStores : IAsyncDisposable
{
    private readonly string? scratch;
    private readonly string? sqlitePath;

    private SimulatedStores(IDatabase db, Func<ProjectCache, TimeProvider, IAssignmentProtocol> protocol, string? scratch, string? sqlitePath)
    {
        (Db, this.scratch, this.sqlitePath) = (db, scratch, sqlitePath);
        var projects = new ProjectCache();
        var engine = protocol(projects, Clock);
        Workers = new WorkerStore(db, Clock);
        Projects = new ProjectStore(db, Clock);
        Assignments = new AssignmentStore(db, engine, projects, Clock);
        Answers = new AnswerStore(db, engine);
        Pay = new PayStore(db);
    }

    public SimulatedClock Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
    public IDatabase Db { get; }
    public WorkerStore Workers { get; }
    public ProjectStore Projects { get; }
    public AssignmentStore Assignments { get; }
    public AnswerStore Answers { get; }
    public PayStore Pay { get; }

    /// <param name="backend">"sqlite" or "postgres" (a scratch database, dropped at the end).</param>
    public static async Task<SimulatedStores> CreateAsync(string backend)
    {
        SimulatedStores stores;
        if (backend == "postgres")
        {
            var scratch = "mt_sim_" + Guid.NewGuid().ToString("N")[..12];
            await BotUnderLoad.AdminAsync($"CREATE DATABASE {scratch}");
            var db = new PostgresDatabase(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(BenchOptions.Postgres) { Database = scratch }.ToString()));
            stores = new SimulatedStores(db, (projects, clock) => new PostgresAssignmentProtocol(db, projects, clock), scratch, null);
        }
        else
        {
            var path = Path.Combine(Path.GetTempPath(), "microtask-sim-" + Guid.NewGuid().ToString("N") + ".db");
            var db = new SqliteDatabase(path);
            stores = new SimulatedStores(db, (projects, clock) => new SqliteAssignmentProtocol(db, projects, clock), null, path);
        }

        await stores.Db.MigrateAsync(CancellationToken.None);
        return stores;
    }

    public async ValueTask DisposeAsync()
    {
        if (scratch is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await BotUnderLoad.AdminAsync($"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)");
        }

        if (sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { sqlitePath, sqlitePath + "-wal", sqlitePath + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
