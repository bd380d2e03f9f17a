using System.Threading.Channels;
using Microtask.Core;

namespace Microtask.Storage;

public sealed partial class AnswerStore
{
    /// <summary>Enough to take every answer pressed while one batch runs, at any rate measured here (4–5 a batch at 550/s).</summary>
    private const int MostPerBatch = 64;

    private const int BatchRetries = 3;

    private readonly Channel<PendingSubmit> pending = Channel.CreateUnbounded<PendingSubmit>();
    private int batching;
    private int batchesStored;

    /// <summary>An answer waiting for its batch; <see cref="Stored"/> gets its row, null when it was refused.</summary>
    internal sealed record PendingSubmit(long AssignmentId, long WorkerId, string Answer, CancellationToken Ct = default)
    {
        public TaskCompletionSource<GoldRow?> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// PostgreSQL: the answers pressed while a batch is being stored wait for it, then go together in the next (a group
    /// commit): one statement, one round trip and one commit for all of them, and one update of each task's and each
    /// project's row. One batch at a time per instance; a lone answer is a batch of one and waits for nobody.
    /// </summary>
    /// <remarks>
    /// The load tool measured 540–585 answers/s against 381–448 for one statement per answer (alternating runs): the
    /// project's row had been locked by every answer in turn, and every answer paid a statement's start and commit.
    /// </remarks>
    private async Task<SubmitResult> SubmitBatchedAsync(long assignmentId, long workerId, string answer, CancellationToken ct)
    {
        var request = new PendingSubmit(assignmentId, workerId, answer, ct);
        pending.Writer.TryWrite(request);
        if (Interlocked.CompareExchange(ref batching, 1, 0) == 0)
        {
            _ = Task.Run(BatchLoopAsync, CancellationToken.None);
        }

        return await FinishAsync(request);
    }

    /// <summary>Answers waiting for the batch being stored to finish (for tests).</summary>
    internal int Waiting => pending.Reader.Count;

    /// <summary>Batches stored so far, each one statement (for tests).</summary>
    internal int BatchesStored => batchesStored;

    /// <summary>
    /// Stores the given answers, each assignment once, as one batch, as the queue would (for tests that need a batch of
    /// known make-up); each answer's outcome, or its failure, is its own.
    /// </summary>
    internal Task<SubmitResult>[] SubmitTogether(IReadOnlyList<(long AssignmentId, long WorkerId, string Answer)> answers)
    {
        var batch = answers.Select(a => new PendingSubmit(a.AssignmentId, a.WorkerId, a.Answer)).ToList();
        _ = StoreBatchAsync(batch);
        return batch.Select(FinishAsync).ToArray();
    }

    /// <summary>What the worker is told: refused (and why), or accepted, and scored if gold or too fast.</summary>
    private async Task<SubmitResult> FinishAsync(PendingSubmit request)
    {
        if (await request.Stored.Task is not { } row)
        {
            return await db.WriteAsync(async c => new SubmitResult(await WhyRefusedAsync(c, null, request.AssignmentId, request.WorkerId)), request.Ct);
        }

        var accepted = Accepted(request.Answer, row);
        return IsScored(accepted, row, row.Ms)
            ? await db.WriteAsync(c => ScoreAfterCommitAsync(c, accepted, row, request.AssignmentId, request.WorkerId, row.Ms), CancellationToken.None)
            : accepted;
    }

    private async Task BatchLoopAsync()
    {
        var carried = new List<PendingSubmit>();
        while (true)
        {
            // A second press of the same assignment waits for the next batch, where it finds the first one's answer.
            var batch = new List<PendingSubmit>();
            var next = new List<PendingSubmit>();
            var seen = new HashSet<long>();
            foreach (var request in carried.Concat(Drain()))
            {
                if (request.Ct.IsCancellationRequested)
                {
                    request.Stored.TrySetCanceled(request.Ct); // gone before its batch: never stored
                }
                else
                {
                    (batch.Count < MostPerBatch && seen.Add(request.AssignmentId) ? batch : next).Add(request);
                }
            }

            carried = next;
            if (batch.Count > 0)
            {
                await StoreBatchAsync(batch);
            }
            else if (carried.Count == 0)
            {
                await pending.Reader.WaitToReadAsync();
            }
        }

        IEnumerable<PendingSubmit> Drain()
        {
            for (var taken = 0; taken < MostPerBatch && pending.Reader.TryRead(out var request); taken++)
            {
                yield return request;
            }
        }
    }

    /// <summary>
    /// Stores a batch and hands each request its row. Never throws: a conflict (a deadlock with another instance's
    /// batch or the lease sweep) retries the batch, and a batch that still fails is stored one answer at a time, so
    /// one answer's failure is that answer's alone.
    /// </summary>
    private async Task StoreBatchAsync(List<PendingSubmit> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var ms = Clock.Ms(time.GetUtcNow());
                var rows = (await db.WriteAsync(c => StoreTogetherAsync(c, batch, ms), CancellationToken.None)).ToDictionary(r => (r.AssignmentId, r.WorkerId));
                Interlocked.Increment(ref batchesStored);
                foreach (var request in batch)
                {
                    request.Stored.TrySetResult(rows.GetValueOrDefault((request.AssignmentId, request.WorkerId)));
                }

                return;
            }
            catch (System.Data.Common.DbException e) when (attempt < BatchRetries && Conflicts.IsConflict(e))
            {
            }
            catch (Exception e)
            {
                if (batch.Count == 1)
                {
                    batch[0].Stored.TrySetException(e);
                    return;
                }

                foreach (var request in batch)
                {
                    await StoreBatchAsync([request]);
                }

                return;
            }
        }
    }
}
