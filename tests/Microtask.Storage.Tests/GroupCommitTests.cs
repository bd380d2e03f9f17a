using System.Data.Common;
using Dapper;
using Microtask.Core;
using Microtask.Storage.Postgres;

namespace Microtask.Storage.Tests;

/// <summary>
/// PostgreSQL stores the answers pressed at the same moment in one statement, and takes the claims made at the same
/// moment in one round trip (group commits). Each answer must still get what it alone would have got — the answer that
/// filled its task, the budget left after it, the one answer that ran the budget out — each claim the task it alone
/// would have got, and one request's failure must stay its own.
/// </summary>
public sealed partial class GroupCommitTests() : BackendTest("Postgres")
{
    private PostgresAssignmentProtocol Pg => (PostgresAssignmentProtocol)Backend.Protocol;

    [Fact]
    public async Task Answers_stored_together_each_get_what_they_alone_would_have()
    {
        // 250 pays two and a half rewards of 100: the batch takes the budget from 250 to -50 in one update, past the
        // [0, reward) window that a single answer's update lands in.
        var (_, id) = await Backend.BudgetedProjectAsync(250);
        var workers = new List<long>();
        var leases = new List<ClaimedTask>();
        for (var i = 1; i <= 3; i++)
        {
            workers.Add(await Backend.WorkerAsync(i));
            leases.Add((await Backend.Assignments.ClaimAsync(workers[^1]))!);
        }

        var outsider = await Backend.WorkerAsync(4);
        var results = await Task.WhenAll(Pg.SubmitTogether(
        [
            (leases[0].Assignment.Id, workers[0], "yes"),
            (leases[1].Assignment.Id, outsider, "no"), // not theirs: refused, and the rest of the batch goes on
            (leases[1].Assignment.Id, workers[1], "no"),
            (leases[2].Assignment.Id + 1_000, outsider, "no"), // no such assignment
            (leases[2].Assignment.Id, workers[2], "yes"),
        ]));

        Assert.Equal(
            [SubmitOutcome.Accepted, SubmitOutcome.NotYours, SubmitOutcome.Accepted, SubmitOutcome.NotFound, SubmitOutcome.Accepted],
            results.Select(r => r.Outcome));
        var stored = new[] { results[0], results[2], results[4] };
        // They drew on the budget one after another, by assignment; the one that left less than a reward ran it out.
        Assert.Equal([150L, 50L, -50L], stored.Select(r => r.BudgetLeft!.Value));
        Assert.Equal([false, true, false], stored.Select(r => r.BudgetRanOut));
        Assert.Equal([true, false, false], stored.Select(r => r.BudgetFellBelow(2)));
        Assert.Equal("Paused", await Scalar<string>("SELECT state FROM projects WHERE id = @id", new { id }));
        Assert.Equal(-50L, await Scalar("SELECT budget FROM projects WHERE id = @id", new { id }));
        Assert.Equal(0L, await Scalar("SELECT COUNT(*) FROM tasks WHERE answers <> 3 OR leases <> 0"));
        Assert.Equal(-50L, await Scalar("SELECT SUM(amount) FROM ledger WHERE account = @account", new { account = LedgerAccounts.Project(id) })); // the budget, as the ledger has it
        Assert.Equal(0L, await Scalar("SELECT SUM(amount) FROM ledger"));
        Assert.Equal([100L, 100L, 100L, 0L], await Scalars("SELECT balance FROM workers WHERE id = ANY(@ids) ORDER BY id", new { ids = workers.Append(outsider).ToArray() }));
        Assert.Equal(["yes", "no", "yes"], await Scalars<string>("SELECT value FROM answers ORDER BY assignment_id"));
        Assert.Equal(SubmitOutcome.AlreadyAnswered, (await Backend.Answers.SubmitAsync(leases[1].Assignment.Id, workers[1], "yes")).Outcome);
    }

    [Fact]
    public async Task The_answer_that_fills_its_task_in_a_batch_is_the_one_told_so()
    {
        await Backend.ProjectAsync(tasks: 2, overlap: 2);
        var leases = await LeasesAsync(4);

        var batchId = await Scalar("INSERT INTO batches (project_id, requester_id, file_id, file_name, sha256, rows_ok, state, created_at) SELECT project_id, @w, 'f', 'Backend.csv', 'x', 2, 'imported', 0 FROM tasks LIMIT 1 RETURNING id", new { w = leases[0].Worker });
        await Execute("UPDATE tasks SET batch_id = @batchId", new { batchId });

        var results = await Task.WhenAll(Pg.SubmitTogether(leases.Select(l => (l.Claimed.Assignment.Id, l.Worker, "positive")).ToList()));

        Assert.All(results, r => Assert.Equal(SubmitOutcome.Accepted, r.Outcome));
        // Depth first: the first two workers got the first task, the last two the second; the later answer fills each.
        Assert.Equal([null, batchId, null, batchId], results.Select(r => r.FilledBatchId));
        Assert.Equal(0L, await Scalar("SELECT COUNT(*) FROM tasks WHERE answers <> 2 OR leases <> 0"));
    }

    [Fact]
    public async Task An_answer_that_fails_in_a_batch_fails_alone_and_the_others_are_stored()
    {
        await Backend.ProjectAsync(tasks: 3, overlap: 1);
        var leases = await LeasesAsync(3);

        await Execute("""
            CREATE FUNCTION refuse_answer() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
            CREATE TRIGGER refuse_answer BEFORE INSERT ON answers FOR EACH ROW WHEN (NEW.value = 'negative') EXECUTE FUNCTION refuse_answer();
            """);

        var results = Pg.SubmitTogether(leases.Select((l, i) => (l.Claimed.Assignment.Id, l.Worker, i == 1 ? "negative" : "positive")).ToList());

        Assert.Equal(SubmitOutcome.Accepted, (await results[0]).Outcome);
        await Assert.ThrowsAnyAsync<DbException>(() => results[1]);
        Assert.Equal(SubmitOutcome.Accepted, (await results[2]).Outcome);
        Assert.Equal(2L, await Scalar("SELECT COUNT(*) FROM answers"));
        Assert.Equal("active", await Scalar<string>("SELECT state FROM assignments WHERE id = @Id", new { leases[1].Claimed.Assignment.Id }));
        Assert.Equal([1L, 0L, 1L], await Scalars("SELECT answers FROM tasks ORDER BY id"));
        Assert.Equal([0L, 1L, 0L], await Scalars("SELECT leases FROM tasks ORDER BY id"));
        Assert.Equal(0L, await Scalar("SELECT SUM(amount) FROM ledger"));
    }

    [Fact]
    public async Task Two_presses_of_one_assignment_in_one_batch_store_it_once()
    {
        await Backend.ProjectAsync(tasks: 1, overlap: 1);
        var w = await Backend.WorkerAsync(1);
        var claimed = (await Backend.Assignments.ClaimAsync(w))!;

        var both = await Task.WhenAll(Pg.SubmitTogether([(claimed.Assignment.Id, w, "positive"), (claimed.Assignment.Id, w, "negative")]));

        Assert.Equal([SubmitOutcome.Accepted, SubmitOutcome.AlreadyAnswered], both.Select(r => r.Outcome).Order());
        Assert.Equal(both.Single(r => r.Outcome == SubmitOutcome.Accepted).Answer, await Scalar<string>("SELECT value FROM answers"));
        Assert.Equal(100L, await Scalar("SELECT balance FROM workers WHERE id = @w", new { w }));
        Assert.Equal(1L, await Scalar("SELECT answers FROM tasks"));
    }

    private async Task<List<(long Worker, ClaimedTask Claimed)>> LeasesAsync(int workers)
    {
        var leases = new List<(long Worker, ClaimedTask Claimed)>();
        for (var i = 1; i <= workers; i++)
        {
            var w = await Backend.WorkerAsync(i);
            leases.Add((w, (await Backend.Assignments.ClaimAsync(w))!));
        }

        return leases;
    }

    private async Task Execute(string sql, object? args = null)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync(sql, args);
    }

    private Task<long> Scalar(string sql, object? args = null) => Scalar<long>(sql, args);

    private async Task<T> Scalar<T>(string sql, object? args = null)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    private Task<List<long>> Scalars(string sql, object? args = null) => Scalars<long>(sql, args);

    private async Task<List<T>> Scalars<T>(string sql, object? args = null)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        return (await c.QueryAsync<T>(sql, args)).ToList();
    }
}
