using System.Collections.Concurrent;

namespace Microtask.Sandbox.State;

/// <summary>
/// Counts Bot API calls by method — requests of their own apart from methods given in answers to webhook POSTs —
/// and keeps every refusal, for tests to count.
/// </summary>
internal sealed class CallLog
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, long> _replies = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<RefusedCall> _refused = new();

    public void Count(string method) => _counts.AddOrUpdate(method, 1, (_, n) => n + 1);

    public void CountWebhookReply(string method) => _replies.AddOrUpdate(method, 1, (_, n) => n + 1);

    public long Requests(string method) => _counts.GetValueOrDefault(method);

    public long WebhookReplies(string method) => _replies.GetValueOrDefault(method);

    public void Refuse(RefusedCall call) => _refused.Enqueue(call);

    public IReadOnlyList<RefusedCall> Refused => [.. _refused];
}
