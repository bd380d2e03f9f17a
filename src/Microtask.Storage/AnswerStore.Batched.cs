using System.Data.Common;
using Microtask.Core;

namespace Microtask.Storage;

public sealed partial class AnswerStore
{
    /// <summary>An answer waiting for its batch, pressed at <paramref name="Ms"/>.</summary>
    internal sealed record PendingSubmit(long AssignmentId, long WorkerId, string Answer, long Ms);

    /// <summary>The answers' queue: each gets its row, null when it was refused.</summary>
    internal GroupCommit<PendingSubmit, GoldRow?> Batches { get; } = new(db, StoreBatchAsync, order: a => a.AssignmentId);

    /// <summary>
    /// PostgreSQL: the answers pressed while a batch is being stored wait for it, then go together in the next (a group
    /// commit): one statement, one round trip and one commit for all of them, and one update of each task's and each
    /// project's row.
    /// </summary>
    /// <remarks>
    /// The load tool measured 20–30 % more answers per second than with one statement per answer (alternating runs:
    /// 407–585 against 361–448; docs/BENCHMARKS.md, "A seventh pass"): the project's row had been locked by every
    /// answer in turn, and every answer paid a statement's start and commit.
    /// </remarks>
    private Task<SubmitResult> SubmitBatchedAsync(long assignmentId, long workerId, string answer, CancellationToken ct)
    {
        var request = new PendingSubmit(assignmentId, workerId, answer, Clock.Ms(time.GetUtcNow()));
        return FinishAsync(request, Batches.RunAsync(request, ct), ct);
    }

    /// <summary>
    /// Stores the given answers as one batch, as the queue would (for tests that need a batch of known make-up); each
    /// answer's outcome, or its failure, is its own.
    /// </summary>
    internal Task<SubmitResult>[] SubmitTogether(IReadOnlyList<(long AssignmentId, long WorkerId, string Answer)> answers)
    {
        var ms = Clock.Ms(time.GetUtcNow());
        var batch = answers.Select(a => new PendingSubmit(a.AssignmentId, a.WorkerId, a.Answer, ms)).ToList();
        var rows = Batches.RunTogether(batch);
        return batch.Select((request, i) => FinishAsync(request, rows[i], CancellationToken.None)).ToArray();
    }

    /// <summary>What the worker is told: refused (and why), or accepted, and scored if gold or too fast.</summary>
    private async Task<SubmitResult> FinishAsync(PendingSubmit request, Task<GoldRow?> stored, CancellationToken ct)
    {
        if (await stored is not { } row)
        {
            return await db.WriteAsync(async c => new SubmitResult(await WhyRefusedAsync(c, null, request.AssignmentId, request.WorkerId)), ct);
        }

        var accepted = Accepted(request.Answer, row);
        return IsScored(accepted, row, row.Ms)
            ? await db.WriteAsync(c => ScoreAfterCommitAsync(c, accepted, row, request.AssignmentId, request.WorkerId, row.Ms), CancellationToken.None)
            : accepted;
    }

    /// <summary>
    /// Stores a batch with one statement (<see cref="StoreTogetherAsync"/>); a refused answer's row is null. The queue
    /// sorts a batch by assignment, the order in which the task messages' batches write those rows too, so that the two
    /// meet them in one order (a deadlock the planner's order still lets through is a conflict, and the batch runs again).
    /// </summary>
    private static async Task<GoldRow?[]> StoreBatchAsync(DbConnection c, IReadOnlyList<PendingSubmit> batch)
    {
        var rows = (await StoreTogetherAsync(c, batch)).ToDictionary(r => r.Position);
        return Enumerable.Range(1, batch.Count).Select(position => rows.GetValueOrDefault((long)position)).ToArray();
    }
}
