namespace Microtask.Storage.Tests;

/// <summary>A requester answers no task of their own projects: the claim and the nudge's check both pass them over.</summary>
public abstract partial class AssignmentProtocolTests
{
    [Fact]
    public async Task A_requester_is_offered_no_task_of_their_own_projects()
    {
        var (requester, own) = await Backend.BudgetedProjectAsync(budget: 10_000, tasks: 2);
        var dayStart = DateTimeOffset.UnixEpoch;

        Assert.False(await Backend.Assignments.HasTaskForAsync(requester, dayStart));
        Assert.Null(await Backend.Assignments.ClaimAsync(requester));

        var worker = await Backend.WorkerAsync(1);
        Assert.True(await Backend.Assignments.HasTaskForAsync(worker, dayStart));
        Assert.Equal(own, (await Backend.Assignments.ClaimAsync(worker))!.Project.Id);

        // Anyone else's project is open to the requester as to any worker.
        var others = await Backend.ProjectAsync(tasks: 1);
        Assert.True(await Backend.Assignments.HasTaskForAsync(requester, dayStart));
        Assert.Equal(others, (await Backend.Assignments.ClaimAsync(requester))!.Project.Id);
    }
}
