using Dapper;
using Microtask.Core;

namespace Microtask.Storage.Tests;

/// <summary>Migration 0018 (the answer's keys) on a database in use: with answers already there, and behind a long transaction.</summary>
public sealed partial class ConcurrentMigrationTests
{
    [Fact]
    public async Task The_answer_keys_migration_applies_to_a_database_that_has_answers()
    {
        await Backend.ProjectAsync(tasks: 2);
        foreach (var telegramId in new long[] { 1, 2 })
        {
            var worker = await Backend.WorkerAsync(telegramId);
            var claimed = (await Backend.Assignments.ClaimAsync(worker))!;
            await Backend.Answers.SubmitAsync(claimed.Assignment.Id, worker, "positive");
        }

        await Backend.Assignments.ClaimAsync(await Backend.WorkerAsync(3)); // and a live lease
        await UnapplyAnswerKeysAsync();

        await Backend.Db.MigrateAsync(CancellationToken.None);

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
        await Backend.ProjectAsync(tasks: 3);
        var first = await Backend.WorkerAsync(1);
        var claimed = (await Backend.Assignments.ClaimAsync(first))!;
        await Backend.Answers.SubmitAsync(claimed.Assignment.Id, first, "positive");
        await UnapplyAnswerKeysAsync(keepIndexes: true); // as if interrupted after the concurrent builds

        // An export reading in one long transaction: the ALTERs need locks that conflict with its reads.
        await using var export = await OpenAsync();
        await using var reading = await export.BeginTransactionAsync();
        await export.ExecuteAsync("SELECT COUNT(*) FROM answers JOIN assignments a ON a.id = answers.assignment_id", transaction: reading);

        var migration = Backend.Db.MigrateAsync(CancellationToken.None);
        await WaitUntilWaitingAsync("ALTER TABLE%");

        // A lock request waiting in the queue would hold this answer behind it until the export ends.
        var worker = await Backend.WorkerAsync(2);
        var next = (await Backend.Assignments.ClaimAsync(worker).WaitAsync(TimeSpan.FromSeconds(10)))!;
        var result = await Backend.Answers.SubmitAsync(next.Assignment.Id, worker, "negative").WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SubmitOutcome.Accepted, result.Outcome);

        Assert.False(migration.IsCompleted);
        await reading.CommitAsync();
        await migration.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = 18"));
    }
}
