using System.Collections.Concurrent;

namespace Microtask.Storage.Coordination;

/// <summary>The embedded default's counters: one process, so a dictionary; a counter is dropped 30 days after its first answer.</summary>
public sealed class InProcessProjectAnswerCounters(TimeProvider time) : IProjectAnswerCounters
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(30);

    private readonly ConcurrentDictionary<(long WorkerId, long ProjectId), (int Count, DateTimeOffset Started)> counts = new();
    private DateTimeOffset prunedAt;

    public Task<int?> IncrementAsync(long workerId, long projectId)
    {
        var now = time.GetUtcNow();
        Prune(now);
        var (count, _) = counts.AddOrUpdate(
            (workerId, projectId),
            _ => (1, now),
            (_, old) => now - old.Started >= Keep ? (1, now) : (old.Count + 1, old.Started));
        return Task.FromResult<int?>(count);
    }

    public Task ResetAsync(long workerId, long projectId)
    {
        counts.TryRemove((workerId, projectId), out _);
        return Task.CompletedTask;
    }

    /// <summary>Once a day, drops the counters that have run their time.</summary>
    private void Prune(DateTimeOffset now)
    {
        if (now - prunedAt < TimeSpan.FromDays(1))
        {
            return;
        }

        prunedAt = now;
        foreach (var (key, value) in counts)
        {
            if (now - value.Started >= Keep)
            {
                counts.TryRemove(key, out _);
            }
        }
    }
}
