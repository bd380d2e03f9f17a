using System.Collections.Concurrent;

namespace Microtask.Storage.Coordination;

/// <summary>The embedded default's daily counters: one process, so a dictionary; days long past are dropped.</summary>
public sealed class InProcessDailyCounters(TimeProvider time) : IDailyCounters
{
    private readonly ConcurrentDictionary<(long WorkerId, DateOnly Day), int> counts = new();
    private DateOnly prunedThrough;

    public Task<int?> GetAsync(long workerId, DateOnly day) =>
        Task.FromResult(counts.TryGetValue((workerId, day), out var n) ? (int?)n : null);

    public Task<int> RebuildAsync(long workerId, DateOnly day, int counted)
    {
        Prune();
        return Task.FromResult(counts.GetOrAdd((workerId, day), counted));
    }

    public Task<int?> IncrementAsync(long workerId, DateOnly day)
    {
        var key = (workerId, day);
        while (counts.TryGetValue(key, out var n))
        {
            if (counts.TryUpdate(key, n + 1, n))
            {
                return Task.FromResult<int?>(n + 1);
            }

            // another answer of the same worker and day raced this one; read again
        }

        return Task.FromResult<int?>(null);
    }

    /// <summary>What FLUSHALL is to Redis: every counter is gone and will be rebuilt from the database.</summary>
    public void Clear() => counts.Clear();

    /// <summary>Once a UTC day, drops counters of local days that ended everywhere (no zone is more than 14 h ahead).</summary>
    private void Prune()
    {
        var stale = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-2);
        if (stale <= prunedThrough)
        {
            return;
        }

        prunedThrough = stale;
        foreach (var key in counts.Keys.Where(k => k.Day <= stale))
        {
            counts.TryRemove(key, out _);
        }
    }
}
