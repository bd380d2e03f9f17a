using System.Collections.Concurrent;

namespace Microtask.Sandbox.State;

/// <summary>Callback queries the bot may answer once, and the answers each user saw.</summary>
internal sealed class CallbackStore
{
    private readonly ConcurrentDictionary<string, long> open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, List<CallbackAnswer>> answers = new();
    private readonly object gate = new();
    private readonly StateFile? file;
    private long last;

    /// <summary>Only the counter is kept across restarts, so a query id is never given twice; open queries expire.</summary>
    public CallbackStore(StateFile? file)
    {
        this.file = file;
        last = file?.Counter("callback") ?? 0;
    }

    public string Open(long userId)
    {
        long n;
        lock (gate)
        {
            n = ++last;
            this.file?.SetCounter("callback", n);
        }
        // Telegram's ids are large decimal strings; the user id inside keeps them unique per user.
        var id = $"{userId}{n:D8}";
        this.open[id] = userId;
        return id;
    }

    /// <summary>Closes the query; null when it is unknown or was already answered.</summary>
    public long? Close(string queryId) => this.open.TryRemove(queryId, out var userId) ? userId : null;

    public long? UserOf(string queryId) => this.open.TryGetValue(queryId, out var userId) ? userId : null;

    public void Record(CallbackAnswer answer)
    {
        var list = this.answers.GetOrAdd(answer.UserId, _ => []);
        lock (list) list.Add(answer);
    }

    public IReadOnlyList<CallbackAnswer> Answers(long userId)
    {
        if (!this.answers.TryGetValue(userId, out var list)) return [];
        lock (list) return [.. list];
    }
}
