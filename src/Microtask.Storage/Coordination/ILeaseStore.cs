namespace Microtask.Storage.Coordination;

/// <summary>
/// Fast lookup of a worker's live assignment (Redis, or in-process in the embedded default). Never the only copy:
/// the database has every assignment, so a miss here means "ask the database", and a lost key loses nothing.
/// </summary>
public interface ILeaseStore
{
    Task PutAsync(long workerId, long assignmentId, DateTimeOffset expiresAt);

    Task<long?> GetAsync(long workerId);

    /// <summary>Removes the worker's lease only if it is still <paramref name="assignmentId"/>.</summary>
    Task RemoveAsync(long workerId, long assignmentId);
}

/// <summary>Remembers which updates were handled, so a redelivered update changes nothing.</summary>
public interface IUpdateLog
{
    Task<bool> WasHandledAsync(long updateId);

    Task MarkHandledAsync(long updateId);
}
