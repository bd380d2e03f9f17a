using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

/// <summary>A project open to a worker, with the tasks it has left for them.</summary>
public sealed record OpenProject(Project Project, long TasksLeft);

/// <summary>The projects a worker may choose to work on, and the choice: claims then take tasks of that project only.</summary>
public sealed class WorkChoiceStore(IDatabase db, ProjectCache cache, TimeProvider time)
{
    /// <summary>The projects with ordinary tasks open to the worker now (as a claim would find them), most tasks left first.</summary>
    public async Task<IReadOnlyList<OpenProject>> OpenToAsync(long workerId, DateTimeOffset dayStart, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var counts = await c.QueryAsync<(long ProjectId, long Tasks)>(
            NextTask.OpenByProject, new { workerId, dayStart = Clock.Ms(dayStart), now = Clock.Ms(time.GetUtcNow()) });
        var open = new List<OpenProject>();
        foreach (var (projectId, tasks) in counts.OrderByDescending(x => x.Tasks).ThenBy(x => x.ProjectId))
        {
            open.Add(new OpenProject(await cache.GetAsync(c, null, projectId), tasks));
        }

        return open;
    }

    /// <summary>The project the worker chose, or null for any.</summary>
    public async Task<long?> ChoiceAsync(long workerId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>("SELECT project_choice FROM workers WHERE id = @workerId", new { workerId });
    }

    /// <summary>From now on the worker's claims take tasks of this project only.</summary>
    public Task ChooseAsync(long workerId, long projectId, CancellationToken ct = default) =>
        db.WriteAsync(c => c.ExecuteAsync("UPDATE workers SET project_choice = @projectId WHERE id = @workerId", new { workerId, projectId }), ct);

    /// <summary>Back to any project; the project that was chosen, or null when none was.</summary>
    public Task<long?> ClearAsync(long workerId, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var chosen = await c.ExecuteScalarAsync<long?>("SELECT project_choice FROM workers WHERE id = @workerId", new { workerId }, tx);
                if (chosen is not null)
                {
                    await c.ExecuteAsync("UPDATE workers SET project_choice = NULL WHERE id = @workerId", new { workerId }, tx);
                }

                return chosen;
            },
            ct);
}
