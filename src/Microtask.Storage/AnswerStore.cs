using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

/// <summary>Stores answers: the one write that must never be lost or doubled.</summary>
public sealed class AnswerStore(IDatabase db, IAssignmentProtocol protocol)
{
    /// <summary>
    /// Closes the lease, stores the answer (once per task and worker), counts it against the overlap, scores it if gold
    /// and credits the reward. A repeat of the same submit changes nothing. How depends on the engine
    /// (<see cref="IAssignmentProtocol.SubmitAsync"/>).
    /// </summary>
    public Task<SubmitResult> SubmitAsync(long assignmentId, long workerId, string answer, CancellationToken ct = default) =>
        protocol.SubmitAsync(assignmentId, workerId, answer, ct);

    /// <summary>The answer stored for an assignment, if any.</summary>
    public async Task<string?> ValueOfAsync(long assignmentId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<string?>("SELECT value FROM answers WHERE assignment_id = @assignmentId", new { assignmentId });
    }
}
