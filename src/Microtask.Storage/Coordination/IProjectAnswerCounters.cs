namespace Microtask.Storage.Coordination;

/// <summary>
/// How many answers a worker gave on one project since its counter began (Redis, or in-process in the embedded default),
/// so that finding the answer after which a worker is asked to rate a project costs no count over the answers table.
/// A hint, never a record: a counter lives 30 days from its first answer, and a lost one starts again, which only
/// brings the question some answers later.
/// </summary>
public interface IProjectAnswerCounters
{
    /// <summary>One more answer; the count after it (a missing counter starts at one), or null when Redis could not be asked.</summary>
    Task<int?> IncrementAsync(long workerId, long projectId);

    /// <summary>Starts the count again from zero.</summary>
    Task ResetAsync(long workerId, long projectId);
}
