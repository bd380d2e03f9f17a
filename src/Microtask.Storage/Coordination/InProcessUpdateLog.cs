using System.Collections.Concurrent;

namespace Microtask.Storage.Coordination;

/// <summary>The embedded default's update log: the most recent ids, bounded so memory stays flat.</summary>
public sealed class InProcessUpdateLog : IUpdateLog
{
    private const int Capacity = 100_000;
    private readonly ConcurrentDictionary<long, byte> seen = new();
    private readonly ConcurrentQueue<long> order = new();

    public Task<bool> WasHandledAsync(long updateId) => Task.FromResult(seen.ContainsKey(updateId));

    public Task MarkHandledAsync(long updateId)
    {
        if (seen.TryAdd(updateId, 0))
        {
            order.Enqueue(updateId);
            while (order.Count > Capacity && order.TryDequeue(out var oldest))
            {
                seen.TryRemove(oldest, out _);
            }
        }

        return Task.CompletedTask;
    }
}
