using System.Collections.Concurrent;

namespace Microtask.Storage.Coordination;

/// <summary>The embedded default's leases: one process, so a dictionary is the whole truth it needs.</summary>
public sealed class InProcessLeaseStore(TimeProvider time) : ILeaseStore
{
    private readonly ConcurrentDictionary<long, (long AssignmentId, DateTimeOffset ExpiresAt)> leases = new();

    public Task PutAsync(long workerId, long assignmentId, DateTimeOffset expiresAt)
    {
        leases[workerId] = (assignmentId, expiresAt);
        return Task.CompletedTask;
    }

    public Task<long?> GetAsync(long workerId) =>
        Task.FromResult(leases.TryGetValue(workerId, out var lease) && lease.ExpiresAt > time.GetUtcNow() ? (long?)lease.AssignmentId : null);

    public Task RemoveAsync(long workerId, long assignmentId)
    {
        if (leases.TryGetValue(workerId, out var lease) && lease.AssignmentId == assignmentId)
        {
            leases.TryRemove(KeyValuePair.Create(workerId, lease));
        }

        return Task.CompletedTask;
    }
}
