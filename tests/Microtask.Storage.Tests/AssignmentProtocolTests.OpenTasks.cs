namespace Microtask.Storage.Tests;

/// <summary>Open tasks are found through the gold and the ordinary index alone (migration 0019).</summary>
public abstract partial class AssignmentProtocolTests
{
    [Theory]
    [InlineData(0)] // the ordinary task first, then only gold is left
    [InlineData(100)] // the gold task first, then only an ordinary one is left
    public async Task A_worker_has_a_task_while_one_is_open_to_them_gold_or_not(int goldPercent)
    {
        await Backend.ProjectAsync(tasks: 2, overlap: 1, goldEvery: "negative", goldPercent: goldPercent);
        var worker = await Backend.WorkerAsync(1);
        var dayStart = DateTimeOffset.UnixEpoch;

        Assert.True(await Backend.Assignments.HasTaskForAsync(worker, dayStart));
        var first = await Backend.Assignments.ClaimAsync(worker);
        await Backend.Answers.SubmitAsync(first!.Assignment.Id, worker, "negative");
        Assert.True(await Backend.Assignments.HasTaskForAsync(worker, dayStart)); // one task of the other kind is left
        var second = await Backend.Assignments.ClaimAsync(worker);
        await Backend.Answers.SubmitAsync(second!.Assignment.Id, worker, "negative");

        Assert.Equal(goldPercent == 100, first.Task.IsGold);
        Assert.NotEqual(first.Task.IsGold, second.Task.IsGold);
        Assert.False(await Backend.Assignments.HasTaskForAsync(worker, dayStart));
    }

    [Fact]
    public async Task Open_tasks_are_indexed_by_kind_only()
    {
        // Each claim and each answer updates a task's answers or leases: every index on them is an entry written twice
        // per answer, so the index of all open tasks, which no query reads any more, is gone (migration 0019).
        var indexes = Backend.Db.Name == "Postgres"
            ? "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'tasks' AND indexname = @name"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tasks' AND name = @name";

        Assert.Equal(0L, await Scalar(indexes, new { name = "tasks_with_slots" }));
        Assert.Equal(1L, await Scalar(indexes, new { name = "tasks_gold_with_slots" }));
        Assert.Equal(1L, await Scalar(indexes, new { name = "tasks_ordinary_with_slots" }));
    }
}
