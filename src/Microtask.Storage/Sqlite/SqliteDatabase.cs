using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microtask.Core;

namespace Microtask.Storage.Sqlite;

/// <summary>
/// The embedded engine: one file, one writer at a time. Writes are serialized here rather than left to
/// SQLite's busy retries, which would turn a burst of answers into a storm of SQLITE_BUSY.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Its SemaphoreSlim and CancellationTokenSource hold no OS handle; left to the collector, a late caller never meets a disposed one.")]
public sealed class SqliteDatabase : IDatabase
{
    private readonly string connectionString;
    private readonly SemaphoreSlim writer = new(1, 1);

    public SqliteDatabase(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            ForeignKeys = true,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
    }

    public string Name => "Sqlite";

    public Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken ct) =>
        InTransactionAsync((connection, _) => work(connection), ct);

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        await writer.WaitAsync(ct);
        try
        {
            await using var connection = await OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(ct);
            return result;
        }
        finally
        {
            writer.Release();
        }
    }

    /// <remarks>
    /// BEGIN DEFERRED reads one snapshot from the first SELECT on and takes no write lock, so answers go on being saved
    /// meanwhile (the default BEGIN IMMEDIATE would hold them up).
    /// </remarks>
    public Task<DbTransaction> BeginSnapshotAsync(DbConnection c, CancellationToken ct) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)c).BeginTransaction(deferred: true));

    /// <remarks>Nothing to take: the writes are one at a time anyway.</remarks>
    public Task LockForTransactionAsync(DbConnection c, DbTransaction tx, string name) => Task.CompletedTask;

    public Task InsertTasksAsync(DbConnection c, DbTransaction tx, long projectId, OverlapRule overlap, IReadOnlyList<NewTask> tasks, long? batchId, CancellationToken ct) =>
        c.ExecuteAsync(
            """
            INSERT INTO tasks (project_id, fields, gold_answer, overlap, overlap_max, batch_id, source_line, explanation)
            VALUES (@projectId, @fields, @GoldAnswer, @Overlap, @Max, @batchId, @Line, @Explanation)
            """,
            tasks.Select(t => (Task: t, Wants: overlap.ForTask(t.GoldAnswer is not null)))
                .Select(x => new { projectId, fields = Json.Of(x.Task.Fields), x.Task.GoldAnswer, x.Wants.Overlap, x.Wants.Max, batchId, x.Task.Line, x.Task.Explanation }),
            tx);

    /// <remarks>A no-op: SQLite's claim has one plan whatever the statistics.</remarks>
    public Task AnalyzeAsync(string table) => Task.CompletedTask;

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using (var connection = await OpenAsync(ct))
        {
            // WAL lets readers go on while the single writer commits; it is a property of the file, set once.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        }

        await InTransactionAsync(
            async (connection, transaction) =>
            {
                await Migrations.ApplyAsync(connection, transaction, Name);
                return 0;
            },
            ct);
    }
}
