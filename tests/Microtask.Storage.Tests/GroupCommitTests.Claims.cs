using System.Data.Common;
using Dapper;
using Microtask.Core;
using Microtask.Storage.Postgres;

namespace Microtask.Storage.Tests;

/// <summary>
/// Claims taken together: each claim runs its own statement, all of a batch's in one round trip and one transaction, so
/// each must see the leases the claims before it took, and one claim's failure must stay its own. The task messages'
/// ids are written in batches too.
/// </summary>
public sealed partial class GroupCommitTests
{
    [Fact]
    public async Task Claims_taken_together_each_get_the_task_they_alone_would_have()
    {
        var project = await Backend.ProjectAsync(tasks: 3, overlap: 2);
        var skipper = await Backend.WorkerAsync(1);
        var skipped = (await Backend.Assignments.ClaimAsync(skipper))!;
        await Backend.Assignments.ReleaseAsync(skipped.Assignment.Id, skipper, AssignmentState.Skipped);
        var (w2, w3, w4) = (await Backend.WorkerAsync(2), await Backend.WorkerAsync(3), await Backend.WorkerAsync(4));
        var before = Pg.Claims.BatchesWritten;

        var leases = await Task.WhenAll(Pg.Claims.RunTogether([Claim(w2), Claim(skipper), Claim(w3), Claim(w4), Claim(w2)]));

        Assert.Equal(before + 1, Pg.Claims.BatchesWritten);
        var tasks = await Scalars("SELECT id FROM tasks WHERE project_id = @project ORDER BY id", new { project });
        // Depth first, claim after claim: the first task's two slots go to the first two who may have it (the skipper
        // may not, and gets the second task); a claim sees the leases taken before it in its batch, locks included.
        Assert.Equal([tasks[0], tasks[1], tasks[0], tasks[1], tasks[0]], leases.Select(l => l!.Row.TaskId));
        // The same worker twice in one batch: one lease, and the second claim finds it held.
        Assert.Equal([false, false, false, false, true], leases.Select(l => l!.Row.Held));
        Assert.Equal(leases[0]!.Row.Id, leases[4]!.Row.Id);
        Assert.All(leases, l => Assert.Equal(project, l!.Project.Id));
        Assert.Equal([2L, 2L, 0L], await Scalars("SELECT leases FROM tasks ORDER BY id"));
        Assert.Equal(4L, await Scalar("SELECT COUNT(*) FROM assignments WHERE state = 'active'"));
    }

    [Fact]
    public async Task Claims_made_while_a_batch_is_being_taken_go_together_in_the_next()
    {
        await Backend.ProjectAsync(tasks: 10, overlap: 3);
        var workers = new List<long>();
        for (var i = 1; i <= 5; i++)
        {
            workers.Add(await Backend.WorkerAsync(i));
        }

        // Another transaction holds an uncommitted live assignment of the first worker's: that worker's claim, which
        // cannot see it, waits on the one-live-assignment index until it is rolled back.
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        await using var hold = await c.BeginTransactionAsync();
        await c.ExecuteAsync(
            "INSERT INTO assignments (task_id, project_id, worker_id, state, created_at, expires_at) SELECT id, project_id, @w, 'active', 0, 0 FROM tasks ORDER BY id DESC LIMIT 1",
            new { w = workers[0] },
            hold);
        var first = Backend.Assignments.ClaimAsync(workers[0]);
        await WaitForAsync(() => Pg.Claims.Waiting == 0); // taken into its batch
        var before = Pg.Claims.BatchesWritten;
        var rest = workers.Skip(1).Select(w => Backend.Assignments.ClaimAsync(w)).ToList();
        await WaitForAsync(() => Pg.Claims.Waiting == 4);
        await WaitForLockWaitAsync();
        Assert.False(first.IsCompleted);
        await hold.RollbackAsync();

        Assert.NotNull(await first);
        Assert.All(await Task.WhenAll(rest), Assert.NotNull);
        Assert.Equal(before + 2, Pg.Claims.BatchesWritten); // the first alone, then the four waiting together
        Assert.Equal(5L, await Scalar("SELECT COUNT(*) FROM assignments WHERE state = 'active'"));
        Assert.Equal(5L, await Scalar("SELECT SUM(leases) FROM tasks"));
    }

    [Fact]
    public async Task A_claim_with_nothing_to_offer_amid_a_batch_leaves_the_others_theirs()
    {
        await Backend.ProjectAsync(tasks: 1, overlap: 2);
        var (w1, w2, w3) = (await Backend.WorkerAsync(1), await Backend.WorkerAsync(2), await Backend.WorkerAsync(3));
        var skipped = (await Backend.Assignments.ClaimAsync(w2))!;
        await Backend.Assignments.ReleaseAsync(skipped.Assignment.Id, w2, AssignmentState.Skipped);

        var leases = await Task.WhenAll(Pg.Claims.RunTogether([Claim(w1), Claim(w2), Claim(w3)]));

        Assert.Equal([w1, w3], [leases[0]!.Row.WorkerId, leases[2]!.Row.WorkerId]);
        Assert.Null(leases[1]);
        Assert.Equal(2L, await Scalar("SELECT leases FROM tasks"));
    }

    [Fact]
    public async Task A_claim_that_raced_another_lease_of_its_worker_finds_that_lease()
    {
        await Backend.ProjectAsync(tasks: 3, overlap: 1);
        var w = await Backend.WorkerAsync(1);

        // Another instance's claim for the same worker, not yet committed: this claim leases another task, then waits
        // on the one-live-assignment index; the other commits, this claim's batch meets the conflict and runs again.
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        await using var other = await c.BeginTransactionAsync();
        var theirs = await c.ExecuteScalarAsync<long>(
            """
            WITH t AS (UPDATE tasks SET leases = 1 WHERE id = (SELECT MIN(id) FROM tasks) RETURNING id, project_id)
            INSERT INTO assignments (task_id, project_id, worker_id, state, created_at, expires_at)
            SELECT id, project_id, @w, 'active', @now, @now + 600000 FROM t RETURNING id
            """,
            new { w, now = Backend.Time.GetUtcNow().ToUnixTimeMilliseconds() },
            other);
        var claim = Backend.Assignments.ClaimAsync(w);
        await WaitForAsync(() => Pg.Claims.Waiting == 0);
        await WaitForLockWaitAsync();
        Assert.False(claim.IsCompleted);
        await other.CommitAsync();

        Assert.Equal(theirs, (await claim)!.Assignment.Id);
        Assert.Equal(1L, await Scalar("SELECT COUNT(*) FROM assignments WHERE worker_id = @w", new { w }));
        Assert.Equal([1L, 0L, 0L], await Scalars("SELECT leases FROM tasks ORDER BY id")); // its own lease rolled back
    }

    [Fact]
    public async Task A_claim_that_fails_in_a_batch_fails_alone()
    {
        await Backend.ProjectAsync(tasks: 3, overlap: 1);
        var (w1, w2, w3) = (await Backend.WorkerAsync(1), await Backend.WorkerAsync(2), await Backend.WorkerAsync(3));
        await Execute($"""
            CREATE FUNCTION refuse_lease() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
            CREATE TRIGGER refuse_lease BEFORE INSERT ON assignments FOR EACH ROW WHEN (NEW.worker_id = {w2}) EXECUTE FUNCTION refuse_lease();
            """);

        var leases = Pg.Claims.RunTogether([Claim(w1), Claim(w2), Claim(w3)]);

        Assert.Equal(w1, (await leases[0])!.Row.WorkerId);
        await Assert.ThrowsAnyAsync<DbException>(() => leases[1]);
        Assert.Equal(w3, (await leases[2])!.Row.WorkerId);
        // Leased anew when the batch was taken again one claim at a time: the failed batch had left nothing behind.
        Assert.False((await leases[0])!.Row.Held);
        Assert.False((await leases[2])!.Row.Held);
        // The failed claim's lease went with it: two tasks leased, one each, and the third still open.
        Assert.Equal([1L, 1L, 0L], await Scalars("SELECT leases FROM tasks ORDER BY id"));
        Assert.Equal([w1, w3], await Scalars("SELECT worker_id FROM assignments ORDER BY task_id"));
    }

    [Fact]
    public async Task Task_messages_shown_together_are_each_remembered_and_the_last_shown_wins()
    {
        await Backend.ProjectAsync(tasks: 3, overlap: 1);
        var leases = await LeasesAsync(2);
        var (first, second) = (leases[0].Claimed.Assignment.Id, leases[1].Claimed.Assignment.Id);

        await Task.WhenAll(Pg.TaskMessages.RunTogether([(first, 11), (second, 21), (first, 12)]));

        Assert.Equal([12L, 21L], await Scalars("SELECT message_id FROM assignments ORDER BY id"));
        await Backend.Assignments.SetMessageAsync(second, 22); // through the queue
        Assert.Equal(22L, (await Backend.Assignments.FindAsync(second))!.Assignment.MessageId);
    }

    /// <summary>A claim by the worker now, on a roll that mixes in no gold.</summary>
    private PostgresAssignmentProtocol.PendingClaim Claim(long worker)
    {
        var now = Backend.Time.GetUtcNow();
        return new PostgresAssignmentProtocol.PendingClaim(worker, now.ToUnixTimeMilliseconds(), new DateTimeOffset(now.UtcDateTime.Date).ToUnixTimeMilliseconds(), Roll: 99);
    }
}
