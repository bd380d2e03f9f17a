using Microtask.Sandbox.Api;

namespace Microtask.Sandbox.State;

/// <summary>An update waiting for the bot, serialized once; Confirmed completes true when the bot confirmed it, false when dropped.</summary>
internal sealed class UpdateEntry(long id, long chatId, string json)
{
    public long Id { get; } = id;
    public long ChatId { get; } = chatId;
    public string Json { get; } = json;
    public TaskCompletionSource<bool> Confirmed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public bool IsDone => Confirmed.Task.IsCompleted;
}

/// <summary>
/// Updates not yet confirmed, in id order. getUpdates reads from the front and confirms by offset;
/// the webhook pusher confirms one by one. Long polls park on a signal replaced at every arrival. Pending updates
/// and the last id are written through to the state file, when there is one, as Telegram keeps them for a day.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Its SemaphoreSlim and CancellationTokenSource hold no OS handle; left to the collector, a late caller never meets a disposed one.")]
internal sealed class UpdateQueue
{
    private readonly object gate = new();
    private readonly SortedDictionary<long, UpdateEntry> pending = [];
    private readonly HashSet<long> dropped = [];
    private readonly CancellationTokenSource shutdown = new();
    private readonly StateFile? file;
    private TaskCompletionSource arrived = NewSignal();
    private Action<UpdateEntry>? listener;
    private CancellationTokenSource? currentPoll;
    private long lastId;

    public UpdateQueue(StateFile? file)
    {
        this.file = file;
        if (file is null) return;
        lastId = file.Counter("update");
        foreach (var (id, chatId, json) in file.LoadPendingUpdates())
        {
            this.pending.Add(id, new UpdateEntry(id, chatId, json));
            lastId = Math.Max(lastId, id);
        }
    }

    public int PendingCount { get { lock (gate) return this.pending.Count; } }

    public long LastId => Interlocked.Read(ref lastId);

    /// <summary>A getUpdates call is parked waiting for updates.</summary>
    public bool IsPolling => Volatile.Read(ref currentPoll) is not null;

    /// <summary>Adds an update; <paramref name="toJson"/> gets its update_id.</summary>
    public UpdateEntry Enqueue(long chatId, Func<long, string> toJson)
    {
        TaskCompletionSource arrived;
        UpdateEntry entry;
        lock (gate)
        {
            var id = ++lastId;
            entry = new UpdateEntry(id, chatId, toJson(id));
            this.pending.Add(id, entry);
            this.file?.AddUpdate(id, chatId, entry.Json);
            arrived = this.arrived;
            this.arrived = NewSignal();
            this.listener?.Invoke(entry);
        }
        arrived.TrySetResult();
        return entry;
    }

    /// <summary>Hands every pending and every future update to <paramref name="listener"/> (the webhook), or stops doing so.</summary>
    public void SetListener(Action<UpdateEntry>? listener)
    {
        lock (gate)
        {
            this.listener = listener;
            if (listener is null) return;
            foreach (var entry in this.pending.Values) listener(entry);
        }
    }

    /// <summary>Completes true once confirmed, false if dropped (drop_pending_updates).</summary>
    public Task<bool> Confirmation(long updateId)
    {
        lock (gate)
        {
            if (this.pending.TryGetValue(updateId, out var entry)) return entry.Confirmed.Task;
            return Task.FromResult(!this.dropped.Contains(updateId));
        }
    }

    public void Confirm(UpdateEntry entry)
    {
        lock (gate)
        {
            this.pending.Remove(entry.Id);
            this.file?.RemoveUpdate(entry.Id);
        }
        entry.Confirmed.TrySetResult(true);
    }

    public void DropAll()
    {
        UpdateEntry[] dropped;
        lock (gate)
        {
            dropped = [.. this.pending.Values];
            this.pending.Clear();
            this.dropped.UnionWith(dropped.Select(e => e.Id));
            this.file?.RemoveUpdatesBelow(long.MaxValue);
        }
        foreach (var entry in dropped) entry.Confirmed.TrySetResult(false);
    }

    /// <summary>Answers parked long polls at once so the server can stop without waiting for their timeouts.</summary>
    public void Shutdown() => shutdown.Cancel();

    /// <summary>getUpdates: confirm below offset, then return up to limit updates, waiting up to timeout for the first.</summary>
    public async Task<IReadOnlyList<UpdateEntry>> PollAsync(long offset, int limit, TimeSpan timeout, CancellationToken ct)
    {
        // A newer getUpdates ends the older one, as on Telegram.
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(ct, shutdown.Token);
        var previous = Interlocked.Exchange(ref currentPoll, poll);
        try { previous?.Cancel(); }
        catch (ObjectDisposedException) { } // it ended on its own meanwhile
        try
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                Task arrived;
                lock (gate)
                {
                    var batch = Take(offset, limit);
                    if (batch.Count > 0 || timeout <= TimeSpan.Zero) return batch;
                    arrived = this.arrived.Task;
                }
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return [];
                try
                {
                    await arrived.WaitAsync(left, poll.Token);
                }
                catch (TimeoutException)
                {
                    return [];
                }
                catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
                {
                    return [];
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new BotApiException(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
                }
            }
        }
        finally
        {
            Interlocked.CompareExchange(ref currentPoll, null, poll);
        }
    }

    // Runs under _gate. Confirmations complete tasks asynchronously, so it is safe here.
    private List<UpdateEntry> Take(long offset, int limit)
    {
        if (offset < 0)
        {
            // Negative offset: keep only the last -offset updates; the earlier ones are forgotten.
            var keep = (int)Math.Min(-offset, this.pending.Count);
            offset = this.pending.Count == 0 ? 0 : this.pending.Keys.Skip(this.pending.Count - keep).FirstOrDefault(lastId + 1);
        }
        var confirmed = false;
        while (this.pending.Count > 0)
        {
            var first = this.pending.First().Value;
            if (first.Id >= offset) break;
            this.pending.Remove(first.Id);
            first.Confirmed.TrySetResult(true);
            confirmed = true;
        }
        if (confirmed) this.file?.RemoveUpdatesBelow(offset);
        var batch = new List<UpdateEntry>(Math.Min(limit, this.pending.Count));
        foreach (var entry in this.pending.Values)
        {
            if (batch.Count == limit) break;
            batch.Add(entry);
        }
        return batch;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
