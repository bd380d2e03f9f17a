using Dapper;

namespace Microtask.Storage.Tests;

/// <summary>Migration 0019 (the index of all open tasks dropped) on a database in use.</summary>
public sealed partial class ConcurrentMigrationTests
{
    private const int OpenTasksIndexVersion = 19;

    [Fact]
    public async Task Claims_go_on_while_the_index_of_open_tasks_waits_to_be_dropped()
    {
        await Backend.ProjectAsync(tasks: 2);
        var worker = await Backend.WorkerAsync(1);
        await using (var c = await OpenAsync())
        {
            await c.ExecuteAsync(
                """
                CREATE INDEX tasks_with_slots ON tasks (answers DESC, id) WHERE overlap - answers - leases > 0;
                DELETE FROM schema_migrations WHERE version = @OpenTasksIndexVersion
                """,
                new { OpenTasksIndexVersion });
        }

        // An instance mid-claim: its transaction has written to tasks and is still open.
        await using var busy = await OpenWriteOnAsync("tasks");

        var migration = Backend.Db.MigrateAsync(CancellationToken.None);
        await WaitUntilWaitingAsync("%DROP INDEX%");

        // A plain DROP INDEX would be queued for an ACCESS EXCLUSIVE lock on tasks, and every claim behind it (for up to
        // the runner's 2 s lock wait, again and again); the concurrent drop asks for nothing that stops a claim.
        Assert.Equal(0L, await ScalarAsync<long>(
            "SELECT COUNT(*) FROM pg_locks WHERE relation = to_regclass('tasks') AND mode = 'AccessExclusiveLock'"));
        var claimed = await Backend.Assignments.ClaimAsync(worker).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.NotNull(claimed);
        Assert.False(migration.IsCompleted);
        await busy.Transaction.CommitAsync();
        await migration.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Null(await ScalarAsync<string?>("SELECT to_regclass('tasks_with_slots')::text"));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = @OpenTasksIndexVersion", new { OpenTasksIndexVersion }));
    }
}
