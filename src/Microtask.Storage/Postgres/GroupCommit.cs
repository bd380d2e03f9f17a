using System.Data.Common;
using System.Threading.Channels;
using Npgsql;

namespace Microtask.Storage.Postgres;

/// <summary>
/// PostgreSQL's group commit of one kind of write (claims, answers, task messages): the requests made while a batch is
/// being written wait, then go together in the next, in one round trip and one commit. One batch at a time per instance
/// and kind; a lone request is a batch of one and waits for nobody.
/// </summary>
/// <param name="write">
/// Writes a batch on the connection given, in one implicit transaction, and returns each request's result by its place
/// in the batch.
/// </param>
/// <param name="order">
/// The key a batch is sorted by before it is written (the rows its writes lock), so that two batches meet those rows in
/// one order and do not deadlock over them.
/// </param>
internal sealed class GroupCommit<TRequest, TResult>(
    PostgresDatabase db, Func<DbConnection, IReadOnlyList<TRequest>, Task<TResult[]>> write, Func<TRequest, long> order)
{
    /// <summary>Enough to take every request made while one batch runs; a bound, so that one batch never grows without end.</summary>
    private const int MostPerBatch = 64;

    private const int BatchRetries = 3;

    private readonly Channel<Pending> pending = Channel.CreateUnbounded<Pending>();
    private int batching;
    private int batchesWritten;

    private sealed record Pending(TRequest Request, CancellationToken Ct)
    {
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Requests waiting for the batch being written to finish (for tests).</summary>
    public int Waiting => pending.Reader.Count;

    /// <summary>Batches written so far (for tests).</summary>
    public int BatchesWritten => batchesWritten;

    /// <summary>
    /// Writes the request with whatever else is waiting. A caller that gives up stops waiting; if its batch was already
    /// running, its write may be done all the same, as when an instance dies after the commit.
    /// </summary>
    public Task<TResult> RunAsync(TRequest request, CancellationToken ct)
    {
        var waiting = new Pending(request, ct);
        pending.Writer.TryWrite(waiting);
        if (Interlocked.CompareExchange(ref batching, 1, 0) == 0)
        {
            _ = Task.Run(LoopAsync, CancellationToken.None);
        }

        return waiting.Done.Task.WaitAsync(ct);
    }

    /// <summary>Writes the given requests as one batch, as the queue would (for tests that need a batch of known make-up).</summary>
    public Task<TResult>[] RunTogether(IReadOnlyList<TRequest> requests)
    {
        var batch = requests.Select(r => new Pending(r, CancellationToken.None)).ToList();
        _ = WriteAsync(batch);
        return batch.Select(p => p.Done.Task).ToArray();
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            await pending.Reader.WaitToReadAsync();
            var batch = new List<Pending>();
            while (batch.Count < MostPerBatch && pending.Reader.TryRead(out var request))
            {
                if (request.Ct.IsCancellationRequested)
                {
                    request.Done.TrySetCanceled(request.Ct); // its caller left before its batch: never written
                }
                else
                {
                    batch.Add(request);
                }
            }

            try
            {
                await WriteAsync(batch);
            }
            catch (Exception e)
            {
                // WriteAsync does not throw; should it ever, this batch fails and the loop goes on to the next.
                batch.ForEach(request => request.Done.TrySetException(e));
            }
        }
    }

    /// <summary>
    /// Writes a batch and hands each request its result. A conflict (a deadlock with another instance's batch or the
    /// lease sweep, a racing write a constraint refused) retries the batch. An error PostgreSQL raised for the batch's
    /// data writes it one request at a time, so one request's failure is that request's alone; anything else (a broken
    /// connection, a timeout, a cancelled statement) fails the whole batch at once, as it would each of its requests.
    /// </summary>
    private async Task WriteAsync(IReadOnlyList<Pending> batch)
    {
        batch = batch.OrderBy(p => order(p.Request)).ToList();
        for (var attempt = 1; batch.Count > 0; attempt++)
        {
            try
            {
                var results = await db.WriteAsync(c => write(c, batch.Select(p => p.Request).ToList()), CancellationToken.None);
                Interlocked.Increment(ref batchesWritten);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }

                return;
            }
            catch (PostgresException e) when (attempt < BatchRetries && Conflicts.IsConflict(e))
            {
            }
            catch (PostgresException e) when (batch.Count > 1 && IsDataError(e))
            {
                foreach (var request in batch)
                {
                    await WriteAsync([request]);
                }

                return;
            }
            catch (Exception e)
            {
                foreach (var request in batch)
                {
                    request.Done.TrySetException(e);
                }

                return;
            }
        }
    }

    /// <summary>
    /// An error about one request's data: a value refused (class 22), a constraint (class 23) or an exception a
    /// trigger raised (P0001). Another error (a statement cancelled or timed out, a read-only server, the schema) would
    /// meet each request alone just as it met the batch.
    /// </summary>
    private static bool IsDataError(PostgresException e) =>
        e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal)
        || e.SqlState == PostgresErrorCodes.RaiseException;
}
