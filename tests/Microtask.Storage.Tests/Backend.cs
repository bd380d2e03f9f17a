using Microsoft.Extensions.Time.Testing;
using Microtask.Core;
using Microtask.Testing;
using Npgsql;

namespace Microtask.Storage.Tests;

/// <summary>One backend with its stores, on a fresh database, with a clock the test moves.</summary>
public sealed class Backend : IAsyncDisposable
{
    private readonly IAsyncDisposable? owned;

    private Backend(IDatabase db, IAsyncDisposable? owned)
    {
        Db = db;
        this.owned = owned;
        Workers = new WorkerStore(db, Time);
        Projects = new ProjectStore(db, Time);
        Assignments = new AssignmentStore(db, new ProjectCache(), Time);
        Answers = new AnswerStore(db, Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero));
    public IDatabase Db { get; }
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
            backend = new Backend(new PostgresDatabase(NpgsqlDataSource.Create(scratch.ConnectionString)), scratch);
        }
        else
        {
            backend = new Backend(new SqliteDatabase(TestServers.SqlitePath()), null);
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
