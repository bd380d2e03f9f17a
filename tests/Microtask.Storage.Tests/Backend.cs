using Microsoft.Extensions.Time.Testing;
using Microtask.Core;
using Microtask.Storage.Postgres;
using Microtask.Storage.Sqlite;
using Microtask.Testing;
using Npgsql;

namespace Microtask.Storage.Tests;

/// <summary>One backend with its stores, on a fresh database, with a clock the test moves.</summary>
public sealed class Backend : IAsyncDisposable
{
    private readonly IAsyncDisposable? owned;

    private Backend(IDatabase db, Func<ProjectCache, TimeProvider, IAssignmentProtocol> protocol, IAsyncDisposable? owned)
    {
        Db = db;
        this.owned = owned;
        var projects = new ProjectCache();
        Protocol = protocol(projects, Time);
        Workers = new WorkerStore(db, Time);
        Projects = new ProjectStore(db, Time);
        Assignments = new AssignmentStore(db, Protocol, projects, Time);
        Answers = new AnswerStore(db, Protocol);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero));
    public IDatabase Db { get; }

    /// <summary>The engine's hot writes, for tests of one engine's own (PostgreSQL's batches).</summary>
    public IAssignmentProtocol Protocol { get; }

    public WorkerStore Workers { get; }
    public ProjectStore Projects { get; }
    public AssignmentStore Assignments { get; }
    public AnswerStore Answers { get; }

    public static async Task<Backend> CreateAsync(string kind)
    {
        Backend backend;
        if (kind == "Postgres")
        {
            var scratch = await TestServers.CreatePostgresDatabaseAsync();
            var db = new PostgresDatabase(NpgsqlDataSource.Create(scratch.ConnectionString));
            backend = new Backend(db, (projects, time) => new PostgresAssignmentProtocol(db, projects, time), scratch);
        }
        else
        {
            var db = new SqliteDatabase(TestServers.SqlitePath());
            backend = new Backend(db, (projects, time) => new SqliteAssignmentProtocol(db, projects, time), null);
        }

        await backend.Db.MigrateAsync(CancellationToken.None);
        return backend;
    }

    public Task<long> ProjectAsync(int tasks, int overlap = 3, long reward = 100, string? goldEvery = null, TimeSpan? timeLimit = null, int goldPercent = 10) =>
        Projects.CreateAsync(
            new NewProject("Sentiment", "Pick one", AnswerKind.SingleChoice, ["positive", "negative"], "<b>{{text}}</b>", reward, overlap, timeLimit ?? TimeSpan.FromMinutes(5), GoldPercent: goldPercent),
            Enumerable.Range(1, tasks).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"review {i}" }, goldEvery is not null && i == 1 ? goldEvery : null)).ToList(),
            ProjectState.Active);

    /// <summary>
    /// A requester (worker 999) and their active yes/no project of <paramref name="tasks"/> tasks (reward 100, overlap 3),
    /// funded with <paramref name="budget"/> from the requester's topped-up account.
    /// </summary>
    public async Task<(long Requester, long Project)> BudgetedProjectAsync(long budget, int tasks = 1)
    {
        var requester = await WorkerAsync(999);
        await new LedgerStore(Db, Time).TopupAsync(requester, budget);
        var id = await Projects.CreateAsync(
            new NewProject("Budgeted", "x", AnswerKind.YesNo, [], "{{text}}", 100, 3, TimeSpan.FromMinutes(5), requester, Budget: budget),
            Enumerable.Range(1, tasks).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"t{i}" })).ToList(),
            ProjectState.Active);
        return (requester, id);
    }

    public async Task<long> WorkerAsync(long telegramId) => (await Workers.EnsureAsync(telegramId, $"w{telegramId}", "en")).Id;

    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
