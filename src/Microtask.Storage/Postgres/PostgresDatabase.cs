using System.Data;
using System.Data.Common;
using Dapper;
using Microtask.Core;
using Npgsql;
using NpgsqlTypes;

namespace Microtask.Storage.Postgres;

public sealed class PostgresDatabase(NpgsqlDataSource dataSource) : IDatabase
{
    // Any fixed number: it only has to be the same in every instance that migrates this database.
    private const long MigrationLockKey = 7_311_001;
    private static readonly TimeSpan LockRetry = TimeSpan.FromMilliseconds(250);

    public string Name => "Postgres";

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct) => await dataSource.OpenConnectionAsync(ct);

    public async Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await work(connection);
    }

    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(ct);
        return result;
    }

    public async Task<DbTransaction> BeginSnapshotAsync(DbConnection c, CancellationToken ct) =>
        await c.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);

    /// <remarks>A transaction-scoped advisory lock on the name's hash.</remarks>
    public Task LockForTransactionAsync(DbConnection c, DbTransaction tx, string name) =>
        c.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext(@name))", new { name }, tx);

    /// <remarks>Binary COPY: the transaction is the connection's.</remarks>
    public async Task InsertTasksAsync(DbConnection c, DbTransaction tx, long projectId, OverlapRule overlap, IReadOnlyList<NewTask> tasks, long? batchId, CancellationToken ct)
    {
        await using var importer = await ((NpgsqlConnection)c).BeginBinaryImportAsync(
            "COPY tasks (project_id, fields, gold_answer, overlap, overlap_max, batch_id, source_line, explanation) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var task in tasks)
        {
            var (wanted, most) = overlap.ForTask(task.GoldAnswer is not null);
            await importer.StartRowAsync(ct);
            await importer.WriteAsync(projectId, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(Json.Of(task.Fields), NpgsqlDbType.Text, ct);
            await importer.WriteAsync(task.GoldAnswer, NpgsqlDbType.Text, ct);
            await importer.WriteAsync(wanted, NpgsqlDbType.Integer, ct);
            await importer.WriteAsync(most, NpgsqlDbType.Integer, ct);
            await importer.WriteAsync(batchId, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(task.Line, NpgsqlDbType.Integer, ct);
            await importer.WriteAsync(task.Explanation, NpgsqlDbType.Text, ct);
        }

        await importer.CompleteAsync(ct);
    }

    /// <remarks>
    /// Without it the claim keeps the plan made for the table as it was before the import until autovacuum's analyze
    /// comes by. Best effort, and never a failure of what it follows: the import has committed (cancelling now would
    /// report a committed import as failed).
    /// </remarks>
    public async Task AnalyzeAsync(string table)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            await connection.ExecuteAsync($"ANALYZE {table}");
        }
        catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException)
        {
        }
    }

    public async Task MigrateAsync(CancellationToken ct)
    {
        // Several instances may start at once; the lock makes them migrate one after another. It is the session's,
        // since a concurrent index build runs outside any transaction, and tried rather than waited for: a session
        // blocked in pg_advisory_lock holds a snapshot the build waits for, so each would wait for the other.
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        while (!await connection.ExecuteScalarAsync<bool>(
                   new CommandDefinition("SELECT pg_try_advisory_lock(@MigrationLockKey)", new { MigrationLockKey }, cancellationToken: ct)))
        {
            await Task.Delay(LockRetry, ct);
        }

        try
        {
            await Migrations.ApplyOneByOneAsync(connection, Name, ct);
        }
        finally
        {
            // A connection that broke took its lock with it, and its error is the one worth seeing.
            if (connection.State == ConnectionState.Open)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@MigrationLockKey)", new { MigrationLockKey });
            }
        }
    }
}
