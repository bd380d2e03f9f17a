using Dapper;
using Microtask.Core;
using Npgsql;

namespace Microtask.Storage.Tests;

/// <summary>An index added to a live PostgreSQL database is built concurrently: the instances still serving go on
/// claiming and answering while it builds, and a build that broke off is redone rather than kept half-made.</summary>
public sealed class ConcurrentMigrationTests : IAsyncLifetime
{
    private const int RemindIndexVersion = 16;
    private Backend b = null!;

    public async Task InitializeAsync() => b = await Backend.CreateAsync("Postgres");

    public async Task DisposeAsync() => await b.DisposeAsync();

    [Fact]
    public async Task Answers_are_written_while_an_index_migration_waits_for_an_open_transaction()
    {
        await b.ProjectAsync(tasks: 2);
        var worker = await b.WorkerAsync(1);
        var claimed = (await b.Assignments.ClaimAsync(worker))!;
        await UnapplyRemindIndexAsync();

        // An instance mid-answer: its transaction has written to assignments and is still open.
        await using var busy = await OpenAsync();
        await using var open = await busy.BeginTransactionAsync();
        await busy.ExecuteAsync("LOCK TABLE assignments IN ROW EXCLUSIVE MODE", transaction: open);

        var migration = b.Db.MigrateAsync(CancellationToken.None);
        await WaitUntilAsync(async () => await ScalarAsync<long>(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%CREATE INDEX%' AND wait_event_type = 'Lock'") == 1);

        // Another instance answers meanwhile. Behind a plain CREATE INDEX (a SHARE lock waiting in the queue) this
        // write would wait for the whole build; lock_timeout turns that wait into a failure here.
        await using (var other = await OpenAsync())
        {
            await other.ExecuteAsync("SET lock_timeout = '3s'");
            Assert.Equal(1, await other.ExecuteAsync(
                "UPDATE assignments SET message_id = 42 WHERE id = @Id", new { claimed.Assignment.Id }));
        }

        Assert.False(migration.IsCompleted);
        await open.CommitAsync();
        await migration.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(await RemindIndexIsValidAsync());
    }

    [Fact]
    public async Task Instances_starting_together_wait_for_an_index_build_without_deadlock()
    {
        await b.ProjectAsync(tasks: 2);
        await b.Assignments.ClaimAsync(await b.WorkerAsync(1));
        await UnapplyRemindIndexAsync();
        await using var busy = await OpenAsync();
        await using var open = await busy.BeginTransactionAsync();
        await busy.ExecuteAsync("LOCK TABLE assignments IN ROW EXCLUSIVE MODE", transaction: open);

        // The first instance's build waits for the open transaction; two more instances start meanwhile. A session
        // blocked on the migration lock would hold a snapshot that the build then waits for, and the other way round.
        var first = b.Db.MigrateAsync(CancellationToken.None);
        await WaitUntilAsync(async () => await ScalarAsync<long>(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%CREATE INDEX%' AND wait_event_type = 'Lock'") == 1);
        var others = new[] { b.Db.MigrateAsync(CancellationToken.None), b.Db.MigrateAsync(CancellationToken.None) };
        await Task.Delay(TimeSpan.FromSeconds(1));
        await open.CommitAsync();

        await Task.WhenAll(others.Append(first)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(await RemindIndexIsValidAsync());
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = @RemindIndexVersion", new { RemindIndexVersion }));
    }

    [Fact]
    public async Task An_index_build_that_broke_off_is_built_again()
    {
        await b.ProjectAsync(tasks: 2);
        await b.Assignments.ClaimAsync(await b.WorkerAsync(1));
        await UnapplyRemindIndexAsync();

        // What a failed or killed concurrent build leaves: an invalid index under the migration's name, which
        // CREATE INDEX IF NOT EXISTS alone would take for done.
        await using (var c = await OpenAsync())
        {
            await Assert.ThrowsAsync<PostgresException>(() => c.ExecuteAsync(
                "CREATE INDEX CONCURRENTLY assignments_to_remind ON assignments ((expires_at / 0))"));
        }

        Assert.False(await RemindIndexIsValidAsync());

        await b.Db.MigrateAsync(CancellationToken.None);

        Assert.True(await RemindIndexIsValidAsync());
        Assert.Contains("reminded_at IS NULL", await ScalarAsync<string>("SELECT pg_get_indexdef('assignments_to_remind'::regclass)"));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = @RemindIndexVersion", new { RemindIndexVersion }));
    }

    [Fact]
    public async Task The_answer_keys_migration_applies_to_a_database_that_has_answers()
    {
        await b.ProjectAsync(tasks: 2);
        foreach (var telegramId in new long[] { 1, 2 })
        {
            var worker = await b.WorkerAsync(telegramId);
            var claimed = (await b.Assignments.ClaimAsync(worker))!;
            await b.Answers.SubmitAsync(claimed.Assignment.Id, worker, "positive");
        }

        await b.Assignments.ClaimAsync(await b.WorkerAsync(3)); // and a live lease
        await UnapplyAnswerKeysAsync();

        await b.Db.MigrateAsync(CancellationToken.None);

        Assert.Equal(
            ["answers_of_assignment", "assignments_task_of_project", "assignments_worker_id_fkey"],
            (await QueryAsync<string>(
                """
                SELECT conname FROM pg_constraint
                WHERE contype = 'f' AND conrelid IN ('answers'::regclass, 'assignments'::regclass) AND convalidated
                ORDER BY conname
                """)).ToArray());
        Assert.Equal(0L, await ScalarAsync<long>("SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated"));
    }

    /// <summary>The schema as it was before version 18 (with or without its indexes, as an interrupted run leaves it).</summary>
    private async Task UnapplyAnswerKeysAsync(bool keepIndexes = false)
    {
        await using var c = await OpenAsync();
        await c.ExecuteAsync(
            """
            ALTER TABLE answers DROP CONSTRAINT answers_of_assignment,
                ADD FOREIGN KEY (task_id) REFERENCES tasks (id), ADD FOREIGN KEY (project_id) REFERENCES projects (id),
                ADD FOREIGN KEY (worker_id) REFERENCES workers (id), ADD FOREIGN KEY (assignment_id) REFERENCES assignments (id);
            ALTER TABLE assignments DROP CONSTRAINT assignments_task_of_project,
                ADD FOREIGN KEY (task_id) REFERENCES tasks (id), ADD FOREIGN KEY (project_id) REFERENCES projects (id);
            DELETE FROM schema_migrations WHERE version = 18;
            """);
        if (!keepIndexes)
        {
            await c.ExecuteAsync("DROP INDEX assignments_id_task_project_worker, tasks_id_project");
        }
    }

    [Fact]
    public async Task A_key_migration_waiting_behind_a_long_transaction_does_not_hold_up_the_answers()
    {
        await b.ProjectAsync(tasks: 3);
        var first = await b.WorkerAsync(1);
        var claimed = (await b.Assignments.ClaimAsync(first))!;
        await b.Answers.SubmitAsync(claimed.Assignment.Id, first, "positive");
        await UnapplyAnswerKeysAsync(keepIndexes: true); // as if interrupted after the concurrent builds

        // An export reading in one long transaction: the ALTERs need locks that conflict with its reads.
        await using var export = await OpenAsync();
        await using var reading = await export.BeginTransactionAsync();
        await export.ExecuteAsync("SELECT COUNT(*) FROM answers JOIN assignments a ON a.id = answers.assignment_id", transaction: reading);

        var migration = b.Db.MigrateAsync(CancellationToken.None);
        await WaitUntilAsync(async () => await ScalarAsync<long>(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'ALTER TABLE%' AND wait_event_type = 'Lock'") == 1);

        // A lock request waiting in the queue would hold this answer behind it until the export ends.
        var worker = await b.WorkerAsync(2);
        var next = (await b.Assignments.ClaimAsync(worker).WaitAsync(TimeSpan.FromSeconds(10)))!;
        var result = await b.Answers.SubmitAsync(next.Assignment.Id, worker, "negative").WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SubmitOutcome.Accepted, result.Outcome);

        Assert.False(migration.IsCompleted);
        await reading.CommitAsync();
        await migration.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = 18"));
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

    private async Task<NpgsqlConnection> OpenAsync() => (NpgsqlConnection)await b.Db.OpenAsync(CancellationToken.None);

    private async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); !await condition(); await Task.Delay(50))
        {
            Assert.True(DateTime.UtcNow < deadline, "the migration never reached the index build");
        }
    }
}
