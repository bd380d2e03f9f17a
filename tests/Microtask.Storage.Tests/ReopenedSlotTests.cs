using Dapper;
using Microtask.Core;

namespace Microtask.Storage.Tests;

/// <summary>
/// The slots of answers a project's results leave out (their worker suspended or banned) are offered again: each
/// excluded answer raises its task's overlap once, whatever bans come and go, within the budget, and never where the
/// answers stay in the results, the project is closed or the task was taken out of the pool.
/// </summary>
public abstract class ReopenedSlotTests(string kind) : BackendTest(kind)
{
    private ReopenedSlotStore slots = null!;
    private BanStore bans = null!;
    private long admin;

    protected override async Task StartedAsync()
    {
        slots = new ReopenedSlotStore(Backend.Db, Backend.Time);
        bans = new BanStore(Backend.Db, Backend.Time);
        admin = await Backend.WorkerAsync(1);
    }

    [Fact]
    public async Task A_suspended_workers_answers_reopen_their_slots_once_whatever_bans_come_and_go()
    {
        var project = await Backend.ProjectAsync(tasks: 3, overlap: 2);
        var (spammer, honest, third) = (await Backend.WorkerAsync(10), await Backend.WorkerAsync(11), await Backend.WorkerAsync(12));
        Assert.Equal(3, await AnswerAllAsync(spammer));
        Assert.Equal(3, await AnswerAllAsync(honest));
        Assert.Null(await Backend.Assignments.ClaimAsync(third)); // every task full

        await bans.BanAsync(spammer, project, BanStore.Permanent, "spam", admin);
        Assert.Equal(3, await slots.ReopenAsync(spammer, project));
        Assert.Equal(0, await slots.ReopenAsync(spammer, project)); // a second run finds nothing to do
        Assert.Equal(new long[] { 3, 3, 3 }, await OverlapsAsync(project));
        Assert.Equal(new Exclusions(3, 3, 0), await slots.ForProjectAsync(project, leftOut: true));
        await ExecuteAsync("UPDATE reopened_slots SET filled_at_answers = NULL WHERE task_id = (SELECT MIN(task_id) FROM reopened_slots)");
        Assert.Equal(new Exclusions(3, 3, 0), await slots.ForProjectAsync(project, leftOut: true)); // one slot as offered before 0039

        Assert.Equal(3, await AnswerAllAsync(third)); // another worker fills the slots
        Assert.Equal(new Exclusions(3, 3, 3), await slots.ForProjectAsync(project, leftOut: true));
        Assert.Null(await Backend.Assignments.ClaimAsync(await Backend.WorkerAsync(13)));

        // Lifted, the answers count again; suspended or banned again, nothing is offered a second time.
        Assert.True(await bans.LiftAsync(spammer, project));
        Assert.Equal(new Exclusions(0, 3, 3), await slots.ForProjectAsync(project, leftOut: true));
        await bans.BanAsync(spammer, project, BanStore.Permanent, "again", admin);
        await bans.BanAsync(spammer, null, BanStore.Permanent, "and everywhere", admin);
        Assert.Equal(0, await slots.ReopenAsync(spammer, project));
        Assert.Equal(0, await slots.ReopenAsync(spammer, null));
        Assert.Equal(new long[] { 3, 3, 3 }, await OverlapsAsync(project));
        Assert.Equal(3L, await ScalarAsync("SELECT COUNT(*) FROM reopened_slots"));
    }

    [Fact]
    public async Task A_platform_ban_reopens_every_project_and_a_suspension_only_its_own()
    {
        var first = await Backend.ProjectAsync(tasks: 2, overlap: 1);
        var second = await Backend.ProjectAsync(tasks: 2, overlap: 1);
        var worker = await Backend.WorkerAsync(10);
        Assert.Equal(4, await AnswerAllAsync(worker));

        await bans.BanAsync(worker, first, BanStore.Permanent, "", admin);
        Assert.Equal(2, await slots.ReopenAsync(worker, null)); // only the project they are suspended from
        Assert.Equal(new long[] { 2, 2 }, await OverlapsAsync(first));
        Assert.Equal(new long[] { 1, 1 }, await OverlapsAsync(second));

        await bans.BanAsync(worker, null, BanStore.Permanent, "", admin);
        Assert.Equal(2, await slots.ReopenAsync(worker, null));
        Assert.Equal(new long[] { 2, 2 }, await OverlapsAsync(second));
    }

    [Fact]
    public async Task Nothing_reopens_where_answers_stay_in_the_results_the_project_is_closed_or_the_task_was_taken_out()
    {
        var kept = await Backend.ProjectAsync(tasks: 1, overlap: 1);
        var closed = await Backend.ProjectAsync(tasks: 1, overlap: 1);
        var refused = await Backend.ProjectAsync(tasks: 1, overlap: 1);
        var worker = await Backend.WorkerAsync(10);
        Assert.Equal(3, await AnswerAllAsync(worker));
        await ExecuteAsync($"UPDATE projects SET exclude_suspended = FALSE WHERE id = {kept}");
        await ExecuteAsync($"UPDATE projects SET state = 'Closed' WHERE id = {closed}");
        await new MediaStore(Backend.Db, Backend.Time).RefuseAsync((await TaskIdsAsync(refused))[0], "https://example.com/a.png", "refused");

        await bans.BanAsync(worker, null, BanStore.Permanent, "", admin);
        Assert.Equal(0, await slots.ReopenAsync(worker, null));
        Assert.Equal(0L, await ScalarAsync("SELECT COALESCE(SUM(overlap), 0) - 3 FROM tasks"));
        Assert.Equal(new Exclusions(0, 0, 0), await slots.ForProjectAsync(kept, leftOut: false));

        // Once the project leaves them out, they are offered again.
        await ExecuteAsync($"UPDATE projects SET exclude_suspended = TRUE WHERE id = {kept}");
        Assert.Equal(new[] { worker }, await slots.ExcludedWorkersAsync(kept));
        Assert.Equal(1, await slots.ReopenAsync(worker, kept));
    }

    [Fact]
    public async Task The_budget_pays_a_reopened_slot_and_one_it_cannot_pay_waits()
    {
        var (_, project) = await Backend.BudgetedProjectAsync(budget: 300); // one task, overlap 3, reward 100
        var workers = new[] { await Backend.WorkerAsync(10), await Backend.WorkerAsync(11), await Backend.WorkerAsync(12), await Backend.WorkerAsync(13) };
        foreach (var worker in workers[..3])
        {
            Assert.Equal(1, await AnswerAllAsync(worker));
        }

        Assert.Equal("Paused", await ScalarTextAsync($"SELECT state FROM projects WHERE id = {project}"));
        await bans.BanAsync(workers[0], project, BanStore.Permanent, "", admin);
        Assert.Equal(1, await slots.ReopenAsync(workers[0], project));
        Assert.Null(await Backend.Assignments.ClaimAsync(workers[3])); // the slot is open, but nothing pays for it

        await ExecuteAsync($"UPDATE projects SET budget = 100, state = 'Active', paused_by = NULL WHERE id = {project}"); // topped up, resumed
        Assert.Equal(1, await AnswerAllAsync(workers[3]));
        Assert.Equal(0L, await ScalarAsync($"SELECT budget FROM projects WHERE id = {project}"));
        Assert.Equal(400L, await ScalarAsync($"SELECT SUM(balance) FROM workers WHERE id IN ({string.Join(", ", workers)})")); // the excluded answer stays paid
        Assert.Equal(4L, await ScalarAsync("SELECT COUNT(*) FROM answers"));
    }

    [Fact]
    public async Task A_completed_batch_whose_task_reopens_is_completed_again_once_refilled()
    {
        var (requester, project) = await Backend.BudgetedProjectAsync(budget: 10_000, tasks: 0);
        var batches = new BatchStore(Backend.Db, Backend.Time);
        var batch = await batches.AddPendingAsync(project, requester, "file", "b.csv", "sha", 1);
        Assert.Equal(ImportOutcome.Imported, await batches.ImportAsync(batch, requester, [new NewTask(new Dictionary<string, string> { ["text"] = "t" })]));
        var workers = new[] { await Backend.WorkerAsync(10), await Backend.WorkerAsync(11), await Backend.WorkerAsync(12), await Backend.WorkerAsync(13) };
        foreach (var worker in workers[..3])
        {
            await AnswerAllAsync(worker);
        }

        Assert.NotNull(await batches.CompleteIfDoneAsync(batch));
        await bans.BanAsync(workers[1], null, BanStore.Permanent, "", admin);
        Assert.Equal(1, await slots.ReopenAsync(workers[1], null));
        Assert.Equal(0L, await ScalarAsync($"SELECT COUNT(*) FROM batches WHERE id = {batch} AND completed_at IS NOT NULL"));
        Assert.Null(await batches.CompleteIfDoneAsync(batch));

        await AnswerAllAsync(workers[3]);
        Assert.NotNull(await batches.CompleteIfDoneAsync(batch));
    }

    [Fact]
    public async Task Two_runs_at_once_offer_each_slot_once()
    {
        var project = await Backend.ProjectAsync(tasks: 6, overlap: 1);
        var worker = await Backend.WorkerAsync(10);
        Assert.Equal(6, await AnswerAllAsync(worker));
        await bans.BanAsync(worker, project, BanStore.Permanent, "", admin);

        var runs = await Task.WhenAll(slots.ReopenAsync(worker, project), slots.ReopenAsync(worker, null), slots.ReopenAsync(worker, project));

        Assert.Equal(6, runs.Sum());
        Assert.Equal(Enumerable.Repeat(2L, 6), await OverlapsAsync(project));
    }

    /// <summary>Claims and answers until nothing is offered; how many answers were given.</summary>
    private async Task<int> AnswerAllAsync(long worker)
    {
        var answered = 0;
        while (await Backend.Assignments.ClaimAsync(worker) is { } claimed)
        {
            var answer = claimed.Project.Kind == AnswerKind.YesNo ? "yes" : "positive";
            Assert.Equal(SubmitOutcome.Accepted, (await Backend.Answers.SubmitAsync(claimed.Assignment.Id, worker, answer)).Outcome);
            answered++;
        }

        return answered;
    }

    private async Task<long[]> OverlapsAsync(long project)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        return [.. await c.QueryAsync<long>($"SELECT overlap FROM tasks WHERE project_id = {project} ORDER BY id")];
    }

    private async Task<long[]> TaskIdsAsync(long project)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        return [.. await c.QueryAsync<long>($"SELECT id FROM tasks WHERE project_id = {project} ORDER BY id")];
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync(sql);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>(sql);
    }

    private async Task<string?> ScalarTextAsync(string sql)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<string?>(sql);
    }
}

public sealed class SqliteReopenedSlotTests() : ReopenedSlotTests("Sqlite");

public sealed class PostgresReopenedSlotTests() : ReopenedSlotTests("Postgres");
