namespace Microtask.Storage.Coordination;

/// <summary>
/// How many answers a worker gave on one local day (Redis, or in-process in the embedded default), so that the
/// limit check before each claim costs no count over the answers table. Never the only copy: the answers table
/// is the record, and a missing counter (Redis flushed, a restart, a new day) is rebuilt from it.
/// </summary>
public interface IDailyCounters
{
    /// <summary>The count, or null when there is no counter (the caller rebuilds it from the database).</summary>
    Task<int?> GetAsync(long workerId, DateOnly day);

    /// <summary>Stores <paramref name="counted"/> unless a counter appeared meanwhile; returns the count now stored.</summary>
    Task<int> RebuildAsync(long workerId, DateOnly day, int counted);

    /// <summary>
    /// One more answer. A missing counter stays missing: starting it at 1 would forget the day's earlier answers,
    /// while the next read rebuilds it from the database, this answer included.
    /// </summary>
    /// <returns>The count after this answer, or null when there was no counter (or no Redis to ask).</returns>
    Task<int?> IncrementAsync(long workerId, DateOnly day);
}
