using System.Collections.Concurrent;
using System.Data.Common;

namespace Microtask.Storage;

/// <summary>
/// Projects as tasks are shown with them: read on every claim and answer, changed rarely. Held for a few
/// seconds; the claim query reads the project's state from the table itself, so a paused project stops
/// handing out tasks at once whatever is cached here.
/// </summary>
public sealed class ProjectCache
{
    private static readonly TimeSpan Keep = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<long, (Core.Project Project, DateTimeOffset Until)> entries = new();

    internal async Task<Core.Project> GetAsync(DbConnection c, DbTransaction? tx, long id)
    {
        // Real time, not the domain clock: a test moving the clock must not keep a stale project forever.
        var now = TimeProvider.System.GetUtcNow();
        if (entries.TryGetValue(id, out var entry) && entry.Until > now)
        {
            return entry.Project;
        }

        var project = await ProjectStore.LoadAsync(c, tx, id);
        entries[id] = (project, now + Keep);
        return project;
    }

    /// <summary>Called by whatever changes a project, so this process sees the change at once.</summary>
    public void Forget(long id) => entries.TryRemove(id, out _);
}
