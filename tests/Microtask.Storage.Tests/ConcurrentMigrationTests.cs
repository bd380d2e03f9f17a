using Dapper;
using Npgsql;

namespace Microtask.Storage.Tests;

/// <summary>An index added to a live PostgreSQL database is built concurrently: the instances still serving go on
/// claiming and answering while it builds, and a build that broke off is redone rather than kept half-made.</summary>
public sealed partial class ConcurrentMigrationTests() : BackendTest("Postgres")
{
    private const int RemindIndexVersion = 16;

    [Fact]
    public async Task Answers_are_written_while_an_index_migration_waits_for_an_open_transaction()
    {
        await Backend.ProjectAsync(tasks: 2);
        var worker = await Backend.WorkerAsync(1);
        var claimed = (await Backend.Assignments.ClaimAsync(worker))!;
        await UnapplyRemindIndexAsync();

        // An instance mid-answer: its transaction has written to assignments and is still open.
        await using var busy = await OpenWriteOnAssignmentsAsync();

        var migration = Backend.Db.MigrateAsync(CancellationToken.None);
        await WaitUntilWaitingAsync("%CREATE INDEX%");

        // Another instance answers meanwhile. Behind a plain CREATE INDEX (a SHARE lock waiting in the queue) this
        // write would wait for the whole build; lock_timeout turns that wait into a failure here.
        await using (var other = await OpenAsync())
        {
            await other.ExecuteAsync("SET lock_timeout = '3s'");
            Assert.Equal(1, await other.ExecuteAsync(
                "UPDATE assignments SET message_id = 42 WHERE id = @Id", new { claimed.Assignment.Id }));
        }

        Assert.False(migration.IsCompleted);
        await busy.Transaction.CommitAsync();
        await migration.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(await RemindIndexIsValidAsync());
    }

    [Fact]
    public async Task Instances_starting_together_wait_for_an_index_build_without_deadlock()
    {
        await Backend.ProjectAsync(tasks: 2);
        await Backend.Assignments.ClaimAsync(await Backend.WorkerAsync(1));
        await UnapplyRemindIndexAsync();
        await using var busy = await OpenWriteOnAssignmentsAsync();

        // The first instance's build waits for the open transaction; two more instances start meanwhile. A session
        // blocked on the migration lock would hold a snapshot that the build then waits for, and the other way round.
        var first = Backend.Db.MigrateAsync(CancellationToken.None);
        await WaitUntilWaitingAsync("%CREATE INDEX%");
        var others = new[] { Backend.Db.MigrateAsync(CancellationToken.None), Backend.Db.MigrateAsync(CancellationToken.None) };
        await WaitUntilTryingTheMigrationLockAsync(sessions: 2);
        await busy.Transaction.CommitAsync();

        await Task.WhenAll(others.Append(first)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(await RemindIndexIsValidAsync());
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = @RemindIndexVersion", new { RemindIndexVersion }));
    }

    [Fact]
    public async Task An_index_build_that_broke_off_is_built_again()
    {
        await Backend.ProjectAsync(tasks: 2);
        await Backend.Assignments.ClaimAsync(await Backend.WorkerAsync(1));
        await UnapplyRemindIndexAsync();

        // What a failed or killed concurrent build leaves: an invalid index under the migration's name, which
        // CREATE INDEX IF NOT EXISTS alone would take for done.
        await using (var c = await OpenAsync())
        {
            await Assert.ThrowsAsync<PostgresException>(() => c.ExecuteAsync(
                "CREATE INDEX CONCURRENTLY assignments_to_remind ON assignments ((expires_at / 0))"));
        }

        Assert.False(await RemindIndexIsValidAsync());

        await Backend.Db.MigrateAsync(CancellationToken.None);

        Assert.True(await RemindIndexIsValidAsync());
        Assert.Contains("reminded_at IS NULL", await ScalarAsync<string>("SELECT pg_get_indexdef('assignments_to_remind'::regclass)"));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = @RemindIndexVersion", new { RemindIndexVersion }));
    }

    private async Task<IEnumerable<T>> QueryAsync<T>(string sql)
    {
        await using var c = await OpenAsync();
        return await c.QueryAsync<T>(sql);
    }

    private async Task UnapplyRemindIndexAsync()
    {
        await using var c = await OpenAsync();
        await c.ExecuteAsync("DROP INDEX assignments_to_remind; DELETE FROM schema_migrations WHERE version = @RemindIndexVersion", new { RemindIndexVersion });
    }

    private async Task<bool> RemindIndexIsValidAsync() => await ScalarAsync<bool>(
        "SELECT COALESCE(bool_and(i.indisvalid), FALSE) FROM pg_index i WHERE i.indexrelid = to_regclass('assignments_to_remind')");

    private async Task<NpgsqlConnection> OpenAsync() => (NpgsqlConnection)await Backend.Db.OpenAsync(CancellationToken.None);

    private async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    /// <summary>Until one other session of this database runs a statement like <paramref name="like"/> and waits on a lock.</summary>
    private async Task WaitUntilWaitingAsync(string like)
    {
        const string Waiting = """
            SELECT COUNT(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE @like AND wait_event_type = 'Lock'
            """;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); await ScalarAsync<long>(Waiting, new { like }) != 1; await Task.Delay(50))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the migration never waited in a statement like {like}");
        }
    }

    /// <summary>
    /// Until <paramref name="sessions"/> other sessions of this database have tried the migration lock (held by the build
    /// in progress) and are between tries.
    /// </summary>
    private async Task WaitUntilTryingTheMigrationLockAsync(int sessions)
    {
        const string Trying = """
            SELECT COUNT(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'SELECT pg_try_advisory_lock%'
            """;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); await ScalarAsync<long>(Trying) != sessions; await Task.Delay(50))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{sessions} instances never tried the migration lock");
        }
    }

    /// <summary>A transaction that has written to assignments (holds its ROW EXCLUSIVE lock) and is still open.</summary>
    private Task<OpenWrite> OpenWriteOnAssignmentsAsync() => OpenWriteOnAsync("assignments");

    /// <summary>A transaction that has written to <paramref name="table"/> (holds its ROW EXCLUSIVE lock) and is still open.</summary>
    private async Task<OpenWrite> OpenWriteOnAsync(string table)
    {
        var connection = await OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync($"LOCK TABLE {table} IN ROW EXCLUSIVE MODE", transaction: transaction);
        return new OpenWrite(connection, transaction);
    }

    private sealed record OpenWrite(NpgsqlConnection Connection, NpgsqlTransaction Transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
