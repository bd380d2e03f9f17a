using Microtask.Core;

namespace Microtask.Storage;

/// <summary>
/// The assignment protocol's hot writes, one complete implementation per engine (<see cref="Postgres.PostgresAssignmentProtocol"/>,
/// <see cref="Sqlite.SqliteAssignmentProtocol"/>), chosen once where the services are registered. The stores
/// (<see cref="AssignmentStore"/>, <see cref="AnswerStore"/>) are the way in; this is how each engine does the work.
/// </summary>
public interface IAssignmentProtocol
{
    /// <summary>
    /// The worker's live assignment if there is one, else a new lease on the task <see cref="NextTask"/> picks; null
    /// when nothing is available. A lease of the worker's that ran out and was not swept yet is ended first.
    /// </summary>
    /// <param name="dayStart">Where the worker's day began, for projects' daily caps.</param>
    Task<ClaimedTask?> ClaimAsync(long workerId, DateTimeOffset now, DateTimeOffset dayStart, CancellationToken ct);

    /// <summary>Remembers which chat message shows the assignment; the last one given wins.</summary>
    Task SetMessageAsync(long assignmentId, long messageId, CancellationToken ct);

    /// <summary>
    /// Closes the lease, stores the answer (once per task and worker), counts it against the overlap, draws the reward
    /// from the budget and credits it, then scores it if gold or too fast. A repeat of the same submit changes nothing.
    /// </summary>
    Task<SubmitResult> SubmitAsync(long assignmentId, long workerId, string answer, CancellationToken ct);

    /// <summary>Ends the active leases past their time and gives their slots back; only the leases this call ended.</summary>
    /// <param name="assignmentId">Only this lease, or every due lease when null.</param>
    Task<IReadOnlyList<ExpiredLease>> ExpireDueAsync(long? assignmentId, CancellationToken ct);
}
