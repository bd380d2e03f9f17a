using Microtask.Core;

namespace Microtask.Storage.Tests;

/// <summary>
/// PostgreSQL scores a gold answer in a transaction of its own after its batch commits. A quarantine of the task that
/// runs between the two must still count that answer down: the scoring holds the task's disputes' lock shared, so the
/// quarantine waits for it and then sees the score; and one that committed first leaves the answer unscored.
/// </summary>
public sealed partial class GroupCommitTests
{
    [Fact]
    public async Task A_gold_answer_scored_while_its_task_is_set_aside_is_counted_down_with_the_others()
    {
        var (faulty, disputes, disputers, racer, second) = await RacerAtAFaultyGoldAsync();

        // The racer's record held by the test: the answer's batch commits, and its scoring stops at the record.
        await using var held = await HeldWhileAnsweringAsync("SELECT 1 FROM worker_quality WHERE worker_id = @racer FOR UPDATE", new { racer }, second, racer);
        var answering = held.Answering;
        Assert.Equal(4L, await Scalar("SELECT COUNT(*) FROM answers WHERE task_id = @faulty", new { faulty }));

        // The third dispute makes the case while the racer's answer is stored but not yet scored.
        var third = Task.Run(() => disputes.DisputeAsync(disputers[2].Assignment, disputers[2].Worker));
        for (var deadline = DateTime.UtcNow.AddSeconds(10); await Scalar("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") < 2; await Task.Delay(25))
        {
            Assert.True(DateTime.UtcNow < deadline, "the quarantine never reached the scoring's locks");
        }

        await held.Transaction.RollbackAsync();
        Assert.Equal(SubmitOutcome.Accepted, (await answering).Outcome);
        Assert.NotNull((await third).Quarantined);

        // The faulty gold counts for nobody: the racer keeps only the right gold task, 1 of 1.
        await AssertOnlyTheRightGoldCountsAsync(racer, faulty);
    }

    [Fact]
    public async Task A_gold_answer_scored_after_its_task_was_set_aside_is_not_scored_against_the_gold_put_aside()
    {
        var (faulty, _, _, racer, second) = await RacerAtAFaultyGoldAsync();

        // The test holds the task's disputes' lock: the answer's batch commits and its scoring waits; the task is set aside.
        await using var held = await HeldWhileAnsweringAsync("SELECT pg_advisory_xact_lock(hashtext('gold-dispute:' || @faulty))", new { faulty }, second, racer);
        await Dapper.SqlMapper.ExecuteAsync(held.Connection, "UPDATE tasks SET gold_answer = NULL WHERE id = @faulty", new { faulty }, held.Transaction);
        await held.Transaction.CommitAsync();

        var result = await held.Answering;
        Assert.Equal(SubmitOutcome.Accepted, result.Outcome);
        Assert.Null(result.GoldCorrect); // no verdict against a gold answer set aside
        await AssertOnlyTheRightGoldCountsAsync(racer, faulty);
    }

    /// <summary>The racer's answer to the faulty gold submitted while the test holds what <paramref name="holdSql"/> locks, and its scoring waiting.</summary>
    private async Task<Held> HeldWhileAnsweringAsync(string holdSql, object args, ClaimedTask second, long racer)
    {
        var connection = await Backend.Db.OpenAsync(CancellationToken.None);
        var transaction = await connection.BeginTransactionAsync();
        await Dapper.SqlMapper.ExecuteAsync(connection, holdSql, args, transaction);
        var answering = Task.Run(() => Backend.Answers.SubmitAsync(second.Assignment.Id, racer, "negative"));
        await WaitForLockWaitAsync();
        return new Held(connection, transaction, answering);
    }

    private async Task AssertOnlyTheRightGoldCountsAsync(long racer, long faulty)
    {
        Assert.Equal((1L, 1L), (await Scalar("SELECT gold_total FROM worker_quality WHERE worker_id = @racer", new { racer }), await Scalar("SELECT gold_correct FROM worker_quality WHERE worker_id = @racer", new { racer })));
        Assert.Equal(1L, await Scalar("SELECT gold_total FROM workers WHERE id = @racer", new { racer }));
        Assert.Equal(0L, await Scalar("SELECT COUNT(*) FROM answers WHERE task_id = @faulty AND gold_correct IS NOT NULL AND worker_id = @racer", new { faulty, racer }));
    }

    /// <summary>A transaction of the test's own holding a lock, and the answer waiting behind it.</summary>
    private sealed record Held(System.Data.Common.DbConnection Connection, System.Data.Common.DbTransaction Transaction, Task<SubmitResult> Answering) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }

    /// <summary>
    /// A right gold task, then one whose gold answer three workers answered against and two disputed; a racer who
    /// answered the right one (so their record on the project exists) and now holds the faulty one.
    /// </summary>
    private async Task<(long Faulty, GoldDisputeStore Disputes, List<(long Worker, long Assignment)> Disputers, long Racer, ClaimedTask Second)> RacerAtAFaultyGoldAsync()
    {
        // A right gold task first, then one whose gold answer the crowd shows to be wrong.
        var project = await Backend.Projects.CreateAsync(
            new NewProject("Sentiment", "Pick one", AnswerKind.SingleChoice, ["positive", "negative"], "{{text}}", 0, 5, TimeSpan.FromMinutes(5), GoldPercent: 100),
            [new NewTask(new Dictionary<string, string> { ["text"] = "bad" }, "negative"), new NewTask(new Dictionary<string, string> { ["text"] = "awful" }, "positive")],
            ProjectState.Active);
        var faulty = await Scalar("SELECT MAX(id) FROM tasks WHERE project_id = @project", new { project });
        var disputes = new GoldDisputeStore(Backend.Db, Backend.Time);
        var disputers = new List<(long Worker, long Assignment)>();
        for (var i = 0; i < 3; i++)
        {
            var worker = await Backend.WorkerAsync(10 + i);
            for (var claimed = await Backend.Assignments.ClaimAsync(worker); claimed is not null; claimed = await Backend.Assignments.ClaimAsync(worker))
            {
                await Backend.Answers.SubmitAsync(claimed.Assignment.Id, worker, "negative");
                if (claimed.Task.Id == faulty)
                {
                    disputers.Add((worker, claimed.Assignment.Id));
                }
            }
        }

        foreach (var (worker, assignment) in disputers.Take(2))
        {
            Assert.Null((await disputes.DisputeAsync(assignment, worker)).Quarantined);
        }

        var racer = await Backend.WorkerAsync(20);
        var first = (await Backend.Assignments.ClaimAsync(racer))!;
        await Backend.Answers.SubmitAsync(first.Assignment.Id, racer, "negative");
        var second = (await Backend.Assignments.ClaimAsync(racer))!;
        Assert.Equal(faulty, second.Task.Id);

        return (faulty, disputes, disputers, racer, second);
    }
}
