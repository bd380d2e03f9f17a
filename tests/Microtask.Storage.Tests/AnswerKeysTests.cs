using Dapper;
using Microtask.Core;
using Npgsql;

namespace Microtask.Storage.Tests;

/// <summary>
/// PostgreSQL's foreign keys on the answer path (migration 0018): an answer is its assignment's, an assignment is its
/// task's, and neither checks the project's row, which every answer to a budgeted project updates.
/// </summary>
public sealed class AnswerKeysTests() : BackendTest("Postgres")
{
    private const string ForeignKeyViolation = "23503";
    [Fact]
    public async Task An_answer_must_name_its_assignments_task_project_and_worker()
    {
        var project = await Backend.ProjectAsync(tasks: 2);
        var worker = await Backend.WorkerAsync(1);
        var other = await Backend.WorkerAsync(2);
        var claimed = (await Backend.Assignments.ClaimAsync(worker))!;
        var otherTask = await ScalarAsync<long>("SELECT id FROM tasks WHERE id <> @Id", new { claimed.Task.Id });

        // Every column names a row that exists; each insert disagrees with the assignment in one of them.
        await RefusedAsync(InsertAnswerAsync(claimed.Assignment.Id, otherTask, project, worker));
        await RefusedAsync(InsertAnswerAsync(claimed.Assignment.Id, claimed.Task.Id, project, other));
        await RefusedAsync(InsertAnswerAsync(claimed.Assignment.Id, claimed.Task.Id, await Backend.ProjectAsync(tasks: 1), worker));

        await InsertAnswerAsync(claimed.Assignment.Id, claimed.Task.Id, project, worker);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM answers"));
    }

    [Fact]
    public async Task An_assignment_must_name_its_tasks_project()
    {
        await Backend.ProjectAsync(tasks: 1);
        var elsewhere = await Backend.ProjectAsync(tasks: 1);
        var worker = await Backend.WorkerAsync(1);
        var task = await ScalarAsync<long>("SELECT MIN(id) FROM tasks");

        await RefusedAsync(ExecuteAsync(
            """
            INSERT INTO assignments (task_id, project_id, worker_id, state, created_at, expires_at)
            VALUES (@task, @elsewhere, @worker, 'active', 0, 1)
            """,
            new { task, elsewhere, worker }));
    }

    [Fact]
    public async Task Claiming_and_answering_take_no_lock_on_the_projects_row()
    {
        var project = await Backend.ProjectAsync(tasks: 2);
        var worker = await Backend.WorkerAsync(1);

        // Anything holding the project's row in the strongest mode: a key check (FOR KEY SHARE) would wait for it.
        await using var holder = await OpenAsync();
        await using var holding = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("SELECT 1 FROM projects WHERE id = @project FOR UPDATE", new { project }, holding);
        try
        {
            var claimed = await Backend.Assignments.ClaimAsync(worker).WaitAsync(TimeSpan.FromSeconds(5));
            var result = await Backend.Answers.SubmitAsync(claimed!.Assignment.Id, worker, "positive").WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(SubmitOutcome.Accepted, result.Outcome);
        }
        finally
        {
            await holding.CommitAsync(); // lets a waiting statement finish before the database goes
        }
    }

    private Task InsertAnswerAsync(long assignment, long task, long project, long worker) => ExecuteAsync(
        """
        INSERT INTO answers (task_id, project_id, worker_id, assignment_id, value, created_at)
        VALUES (@task, @project, @worker, @assignment, 'positive', 0)
        """,
        new { assignment, task, project, worker });

    private static async Task RefusedAsync(Task insert) =>
        Assert.Equal(ForeignKeyViolation, (await Assert.ThrowsAsync<PostgresException>(() => insert)).SqlState);

    private async Task ExecuteAsync(string sql, object args)
    {
        await using var c = await OpenAsync();
        await c.ExecuteAsync(sql, args);
    }

    private async Task<NpgsqlConnection> OpenAsync() => (NpgsqlConnection)await Backend.Db.OpenAsync(CancellationToken.None);

    private async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }
}
