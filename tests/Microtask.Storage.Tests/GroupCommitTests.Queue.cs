using Dapper;
using Microtask.Core;
using Microtask.Storage.Postgres;

namespace Microtask.Storage.Tests;

/// <summary>
/// The queue itself: a batch is held mid-way by another transaction holding one of its assignments' rows, and the
/// answers pressed meanwhile are watched while they wait.
/// </summary>
public sealed partial class GroupCommitTests
{
    [Fact]
    public async Task Answers_pressed_while_a_batch_is_being_stored_go_together_in_the_next()
    {
        await Backend.ProjectAsync(tasks: 10, overlap: 3);
        var leases = await LeasesAsync(6);

        // The first answer's batch waits for its assignment's row, held by another transaction.
        await using var hold = await RowHold.TakeAsync(Backend.Db, leases[0].Claimed.Assignment.Id);
        var first = Backend.Answers.SubmitAsync(leases[0].Claimed.Assignment.Id, leases[0].Worker, "positive");
        await WaitForAsync(() => Pg.Answers.Waiting == 0); // taken into its batch
        var before = Pg.Answers.BatchesWritten;
        var rest = leases.Skip(1).Select(l => Backend.Answers.SubmitAsync(l.Claimed.Assignment.Id, l.Worker, "negative")).ToList();
        var doubleTap = Backend.Answers.SubmitAsync(leases[1].Claimed.Assignment.Id, leases[1].Worker, "positive");
        await WaitForAsync(() => Pg.Answers.Waiting == 6);
        await WaitForLockWaitAsync();
        Assert.False(first.IsCompleted);
        await hold.ReleaseAsync();

        Assert.Equal(SubmitOutcome.Accepted, (await first).Outcome);
        var together = await Task.WhenAll(rest.Append(doubleTap));
        Assert.All(together[1..5], r => Assert.Equal(SubmitOutcome.Accepted, r.Outcome));
        // A double tap in the same batch: the assignment is closed once, and the other press finds it answered.
        Assert.Equal([SubmitOutcome.Accepted, SubmitOutcome.AlreadyAnswered], new[] { together[0], together[5] }.Select(r => r.Outcome).Order());
        Assert.Equal(before + 2, Pg.Answers.BatchesWritten); // the first alone, then the six waiting together
        Assert.Equal(6L, await Scalar("SELECT COUNT(*) FROM answers"));
        Assert.Equal(6L, await Scalar("SELECT SUM(answers) FROM tasks"));
        Assert.Equal(0L, await Scalar("SELECT SUM(leases) FROM tasks"));
        Assert.Equal(0L, await Scalar("SELECT SUM(amount) FROM ledger"));
    }

    [Fact]
    public async Task An_answer_pressed_in_time_is_taken_though_its_batch_runs_after_the_lease_ran_out()
    {
        await Backend.ProjectAsync(tasks: 2, overlap: 1, timeLimit: TimeSpan.FromMinutes(1));
        var early = await Backend.WorkerAsync(1);
        var late = await Backend.WorkerAsync(2);
        var first = (await Backend.Assignments.ClaimAsync(early))!;
        var second = (await Backend.Assignments.ClaimAsync(late))!;
        await using var hold = await RowHold.TakeAsync(Backend.Db, first.Assignment.Id);
        var blocked = Backend.Answers.SubmitAsync(first.Assignment.Id, early, "positive");
        await WaitForAsync(() => Pg.Answers.Waiting == 0);

        Backend.Time.Advance(TimeSpan.FromSeconds(50));
        var pressed = Backend.Answers.SubmitAsync(second.Assignment.Id, late, "negative"); // 10 s before its lease runs out
        Backend.Time.Advance(TimeSpan.FromSeconds(20)); // its batch runs after that
        await hold.ReleaseAsync();

        Assert.Equal(SubmitOutcome.Accepted, (await blocked).Outcome);
        Assert.Equal(SubmitOutcome.Accepted, (await pressed).Outcome);
        Assert.Equal(Backend.Time.GetUtcNow().AddSeconds(-20).ToUnixTimeMilliseconds(), await Scalar("SELECT created_at FROM answers WHERE worker_id = @late", new { late }));
    }

    [Fact]
    public async Task A_batch_holds_its_projects_turn_from_its_start_so_two_instances_batches_take_turns()
    {
        var project = await Backend.ProjectAsync(tasks: 2, overlap: 1);
        var w = await Backend.WorkerAsync(1);
        var claimed = (await Backend.Assignments.ClaimAsync(w))!;
        await using var hold = await RowHold.TakeAsync(Backend.Db, claimed.Assignment.Id);

        var blocked = Backend.Answers.SubmitAsync(claimed.Assignment.Id, w, "positive");
        await WaitForAsync(() => Pg.Answers.Waiting == 0);
        await WaitForLockWaitAsync(); // the batch has taken the project's turn and waits for the assignment's row

        // Another batch (another instance's) to the project must wait for this one before it locks any task: the turn
        // is held within the batch's transaction, not let go after the statement that took it.
        await using (var other = await Backend.Db.OpenAsync(CancellationToken.None))
        {
            Assert.False(await other.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_xact_lock(@space, @project::integer)", new { space = PostgresAssignmentProtocol.BatchLockSpace, project }));
        }

        await hold.ReleaseAsync();
        Assert.Equal(SubmitOutcome.Accepted, (await blocked).Outcome);
        await using (var other = await Backend.Db.OpenAsync(CancellationToken.None))
        {
            Assert.True(await other.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_xact_lock(@space, @project::integer)", new { space = PostgresAssignmentProtocol.BatchLockSpace, project }));
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition() && waited < 400; waited++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }

    /// <summary>
    /// Until a statement of this database waits on a lock: the batch has reached the row or index entry the test holds,
    /// so it cannot finish before the test lets go.
    /// </summary>
    private async Task WaitForLockWaitAsync()
    {
        const string Waiting = """
            SELECT COUNT(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'
            """;
        for (var deadline = DateTime.UtcNow.AddSeconds(10); await Scalar(Waiting) == 0; await Task.Delay(25))
        {
            Assert.True(DateTime.UtcNow < deadline, "no statement of the batch ever waited on a lock");
        }
    }

    /// <summary>An assignment's row held FOR UPDATE by a transaction of its own, until released.</summary>
    private sealed class RowHold(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction) : IAsyncDisposable
    {
        public static async Task<RowHold> TakeAsync(IDatabase db, long assignmentId)
        {
            var connection = await db.OpenAsync(CancellationToken.None);
            var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("SELECT 1 FROM assignments WHERE id = @assignmentId FOR UPDATE", new { assignmentId }, transaction);
            return new RowHold(connection, transaction);
        }

        public Task ReleaseAsync() => transaction.RollbackAsync();

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
