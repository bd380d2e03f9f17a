using System.Data.Common;
using Dapper;
using Npgsql;

namespace Microtask.Storage;

public sealed class PostgresDatabase(NpgsqlDataSource dataSource) : IDatabase
{
    // Any fixed number: it only has to be the same in every instance that migrates this database.
    private const long MigrationLockKey = 7_311_001;
    private static readonly TimeSpan LockRetry = TimeSpan.FromMilliseconds(250);

    public string Name => "Postgres";

    public string SkipLocked => "FOR UPDATE OF t SKIP LOCKED";

    public bool HasWritableCtes => true;

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

    /// <remarks>
    /// Best effort, and never a failure of what it follows: the import has committed (cancelling now would report a
    /// committed import as failed), and autovacuum's analyze comes by later anyway.
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
        // not a transaction's, since a concurrent index build runs outside any transaction. It is tried, not waited
        // for: a session blocked in pg_advisory_lock keeps a snapshot open, and a concurrent index build waits for
        // every older snapshot, so the builder and the waiter would wait for each other (deadlock detected); and a
        // blocked call would give up at the command timeout while the builder is still at work.
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
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@MigrationLockKey)", new { MigrationLockKey });
            }
        }
    }
}
