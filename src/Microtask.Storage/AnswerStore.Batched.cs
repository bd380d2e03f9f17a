using System.Threading.Channels;
using Microtask.Core;
using Npgsql;

namespace Microtask.Storage;

public sealed partial class AnswerStore
{
    /// <summary>Enough to take every answer pressed while one batch runs, at any rate measured here (4–5 a batch at 550/s).</summary>
    private const int MostPerBatch = 64;

    private const int BatchRetries = 3;

    private readonly Channel<PendingSubmit> pending = Channel.CreateUnbounded<PendingSubmit>();
    private int batching;
    private int batchesStored;

    /// <summary>An answer waiting for its batch, pressed at <paramref name="Ms"/>; <see cref="Stored"/> gets its row, null when it was refused.</summary>
    internal sealed record PendingSubmit(long AssignmentId, long WorkerId, string Answer, long Ms, CancellationToken Ct = default)
    {
        public TaskCompletionSource<GoldRow?> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Answers waiting for the batch being stored to finish (for tests).</summary>
    internal int Waiting => pending.Reader.Count;

    /// <summary>Batches stored so far, each one statement (for tests).</summary>
    internal int BatchesStored => batchesStored;

    /// <summary>
    /// PostgreSQL: the answers pressed while a batch is being stored wait for it, then go together in the next (a group
    /// commit): one statement, one round trip and one commit for all of them, and one update of each task's and each
    /// project's row. One batch at a time per instance; a lone answer is a batch of one and waits for nobody.
    /// </summary>
    /// <remarks>
    /// The load tool measured 20–30 % more answers per second than with one statement per answer (alternating runs:
    /// 407–585 against 361–448; docs/BENCHMARKS.md, "A seventh pass"): the project's row had been locked by every
    /// answer in turn, and every answer paid a statement's start and commit.
    /// </remarks>
    private async Task<SubmitResult> SubmitBatchedAsync(long assignmentId, long workerId, string answer, CancellationToken ct)
    {
        var request = new PendingSubmit(assignmentId, workerId, answer, Clock.Ms(time.GetUtcNow()), ct);
        pending.Writer.TryWrite(request);
        if (Interlocked.CompareExchange(ref batching, 1, 0) == 0)
        {
            _ = Task.Run(BatchLoopAsync, CancellationToken.None);
        }

        return await FinishAsync(request);
    }

    /// <summary>
    /// Stores the given answers as one batch, as the queue would (for tests that need a batch of known make-up); each
    /// answer's outcome, or its failure, is its own.
    /// </summary>
    internal Task<SubmitResult>[] SubmitTogether(IReadOnlyList<(long AssignmentId, long WorkerId, string Answer)> answers)
    {
        var ms = Clock.Ms(time.GetUtcNow());
        var batch = answers.Select(a => new PendingSubmit(a.AssignmentId, a.WorkerId, a.Answer, ms)).ToList();
        _ = StoreBatchAsync(batch);
        return batch.Select(FinishAsync).ToArray();
    }

    /// <summary>
    /// What the worker is told: refused (and why), or accepted, and scored if gold or too fast. A caller that gives up
    /// stops waiting; if its batch was already running, its answer may be stored all the same (its redelivery then
    /// finds it answered), as when an instance dies after the commit.
    /// </summary>
    private async Task<SubmitResult> FinishAsync(PendingSubmit request)
    {
        if (await request.Stored.Task.WaitAsync(request.Ct) is not { } row)
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
        while (true)
        {
            await pending.Reader.WaitToReadAsync();
            var batch = new List<PendingSubmit>();
            while (batch.Count < MostPerBatch && pending.Reader.TryRead(out var request))
            {
                if (request.Ct.IsCancellationRequested)
                {
                    request.Stored.TrySetCanceled(request.Ct); // its caller left before its batch: never stored
                }
                else
                {
                    batch.Add(request);
                }
            }

            try
            {
                await StoreBatchAsync(batch);
            }
            catch (Exception e)
            {
                // StoreBatchAsync does not throw; should it ever, this batch fails and the loop goes on to the next.
                batch.ForEach(request => request.Stored.TrySetException(e));
            }
        }
    }

    /// <summary>
    /// Stores a batch and hands each request its row. A conflict (a deadlock with another instance's batch or the lease
    /// sweep) retries the batch. An error PostgreSQL raised for the batch's data stores it one answer at a time, so one
    /// answer's failure is that answer's alone; anything else (a broken connection, a timeout) fails the whole batch at
    /// once, as it would each of its answers.
    /// </summary>
    private async Task StoreBatchAsync(IReadOnlyList<PendingSubmit> batch)
    {
        for (var attempt = 1; batch.Count > 0; attempt++)
        {
            try
            {
                var rows = (await db.WriteAsync(c => StoreTogetherAsync(c, batch), CancellationToken.None)).ToDictionary(r => r.Position);
                Interlocked.Increment(ref batchesStored);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Stored.TrySetResult(rows.GetValueOrDefault(i + 1));
                }

                return;
            }
            catch (PostgresException e) when (attempt < BatchRetries && Conflicts.IsConflict(e))
            {
            }
            catch (PostgresException e) when (batch.Count > 1 && !e.IsTransient)
            {
                foreach (var request in batch)
                {
                    await StoreBatchAsync([request]);
                }

                return;
            }
            catch (Exception e)
            {
                foreach (var request in batch)
                {
                    request.Stored.TrySetException(e);
                }

                return;
            }
        }
    }
}
