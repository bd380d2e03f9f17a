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
internal sealed class UpdateQueue
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, UpdateEntry> _pending = [];
    private readonly HashSet<long> _dropped = [];
    private readonly CancellationTokenSource _shutdown = new();
    private readonly StateFile? _file;
    private TaskCompletionSource _arrived = NewSignal();
    private Action<UpdateEntry>? _listener;
    private CancellationTokenSource? _currentPoll;
    private long _lastId;

    public UpdateQueue(StateFile? file)
    {
        _file = file;
        if (file is null) return;
        _lastId = file.Counter("update");
        foreach (var (id, chatId, json) in file.LoadPendingUpdates())
        {
            _pending.Add(id, new UpdateEntry(id, chatId, json));
            _lastId = Math.Max(_lastId, id);
        }
    }

    public int PendingCount { get { lock (_gate) return _pending.Count; } }

    public long LastId => Interlocked.Read(ref _lastId);

    /// <summary>A getUpdates call is parked waiting for updates.</summary>
    public bool IsPolling => Volatile.Read(ref _currentPoll) is not null;

    /// <summary>Adds an update; <paramref name="toJson"/> gets its update_id.</summary>
    public UpdateEntry Enqueue(long chatId, Func<long, string> toJson)
    {
        TaskCompletionSource arrived;
        UpdateEntry entry;
        lock (_gate)
        {
            var id = ++_lastId;
            entry = new UpdateEntry(id, chatId, toJson(id));
            _pending.Add(id, entry);
            _file?.AddUpdate(id, chatId, entry.Json);
            arrived = _arrived;
            _arrived = NewSignal();
            _listener?.Invoke(entry);
        }
        arrived.TrySetResult();
        return entry;
    }

    /// <summary>Hands every pending and every future update to <paramref name="listener"/> (the webhook), or stops doing so.</summary>
    public void SetListener(Action<UpdateEntry>? listener)
    {
        lock (_gate)
        {
            _listener = listener;
            if (listener is null) return;
            foreach (var entry in _pending.Values) listener(entry);
        }
    }

    /// <summary>Completes true once confirmed, false if dropped (drop_pending_updates).</summary>
    public Task<bool> Confirmation(long updateId)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(updateId, out var entry)) return entry.Confirmed.Task;
            return Task.FromResult(!_dropped.Contains(updateId));
        }
    }

    public void Confirm(UpdateEntry entry)
    {
        lock (_gate)
        {
            _pending.Remove(entry.Id);
            _file?.RemoveUpdate(entry.Id);
        }
        entry.Confirmed.TrySetResult(true);
    }

    public void DropAll()
    {
        UpdateEntry[] dropped;
        lock (_gate)
        {
            dropped = [.. _pending.Values];
            _pending.Clear();
            _dropped.UnionWith(dropped.Select(e => e.Id));
            _file?.RemoveUpdatesBelow(long.MaxValue);
        }
        foreach (var entry in dropped) entry.Confirmed.TrySetResult(false);
    }

    /// <summary>Answers parked long polls at once so the server can stop without waiting for their timeouts.</summary>
    public void Shutdown() => _shutdown.Cancel();

    /// <summary>getUpdates: confirm below offset, then return up to limit updates, waiting up to timeout for the first.</summary>
    public async Task<IReadOnlyList<UpdateEntry>> PollAsync(long offset, int limit, TimeSpan timeout, CancellationToken ct)
    {
        // A newer getUpdates ends the older one, as on Telegram.
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(ct, _shutdown.Token);
        var previous = Interlocked.Exchange(ref _currentPoll, poll);
        try { previous?.Cancel(); }
        catch (ObjectDisposedException) { } // it ended on its own meanwhile
        try
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                Task arrived;
                lock (_gate)
                {
                    var batch = Take(offset, limit);
                    if (batch.Count > 0 || timeout <= TimeSpan.Zero) return batch;
                    arrived = _arrived.Task;
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
                catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
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
            Interlocked.CompareExchange(ref _currentPoll, null, poll);
        }
    }

    // Runs under _gate. Confirmations complete tasks asynchronously, so it is safe here.
    private List<UpdateEntry> Take(long offset, int limit)
    {
        if (offset < 0)
        {
            // Negative offset: keep only the last -offset updates; the earlier ones are forgotten.
            var keep = (int)Math.Min(-offset, _pending.Count);
            offset = _pending.Count == 0 ? 0 : _pending.Keys.Skip(_pending.Count - keep).FirstOrDefault(_lastId + 1);
        }
        var confirmed = false;
        while (_pending.Count > 0)
        {
            var first = _pending.First().Value;
            if (first.Id >= offset) break;
            _pending.Remove(first.Id);
            first.Confirmed.TrySetResult(true);
            confirmed = true;
        }
        if (confirmed) _file?.RemoveUpdatesBelow(offset);
        var batch = new List<UpdateEntry>(Math.Min(limit, _pending.Count));
        foreach (var entry in _pending.Values)
        {
            if (batch.Count == limit) break;
            batch.Add(entry);
        }
        return batch;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
