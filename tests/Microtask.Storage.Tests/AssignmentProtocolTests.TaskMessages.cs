using Dapper;
using Microtask.Core;

namespace Microtask.Storage.Tests;

/// <summary>The message that shows a lease is remembered on both engines, and named when the lease runs out.</summary>
public abstract partial class AssignmentProtocolTests
{
    [Fact]
    public async Task The_last_message_shown_for_a_lease_is_the_one_its_expiry_names()
    {
        await Backend.ProjectAsync(tasks: 2, overlap: 1, timeLimit: TimeSpan.FromMinutes(2));
        var (first, second) = (await Backend.WorkerAsync(1), await Backend.WorkerAsync(2));
        var mine = (await Backend.Assignments.ClaimAsync(first))!;
        var theirs = (await Backend.Assignments.ClaimAsync(second))!;
        await Backend.Assignments.SetMessageAsync(mine.Assignment.Id, 11);
        await Backend.Assignments.SetMessageAsync(mine.Assignment.Id, 12); // shown again: the later message is the one to edit
        await Backend.Assignments.SetMessageAsync(theirs.Assignment.Id, 21);

        Backend.Time.Advance(TimeSpan.FromMinutes(2));
        var expired = await Backend.Assignments.ExpireDueAsync(mine.Assignment.Id);

        Assert.Equal(
            [(mine.Assignment.Id, (long?)12, AssignmentState.Expired, 1L)],
            expired.Select(e => (e.Assignment.Id, e.Assignment.MessageId, e.Assignment.State, e.ChatId)));
        // The other lease is due too but was not named: it is still live, with its own message.
        var other = (await Backend.Assignments.FindAsync(theirs.Assignment.Id))!.Assignment;
        Assert.Equal((AssignmentState.Active, (long?)21), (other.State, other.MessageId));
        Assert.Equal([0L, 1L], await Scalars("SELECT leases FROM tasks ORDER BY id"));
    }

    private async Task<List<long>> Scalars(string sql)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        return (await c.QueryAsync<long>(sql)).ToList();
    }
}
