using System.Collections.Concurrent;

namespace Microtask.Sandbox.State;

/// <summary>
/// Counts Bot API calls by method — requests of their own apart from methods given in answers to webhook POSTs —
/// and keeps every refusal, for tests to count.
/// </summary>
internal sealed class CallLog
{
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, long> replies = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<RefusedCall> refused = new();
    private readonly ConcurrentDictionary<FileSource, long> files = new();

    public void CountFile(FileSource source) => files.AddOrUpdate(source, 1, (_, n) => n + 1);

    public long Files(FileSource source) => files.GetValueOrDefault(source);

    public void Count(string method) => counts.AddOrUpdate(method, 1, (_, n) => n + 1);

    public void CountWebhookReply(string method) => replies.AddOrUpdate(method, 1, (_, n) => n + 1);

    public long Requests(string method) => counts.GetValueOrDefault(method);

    public long WebhookReplies(string method) => replies.GetValueOrDefault(method);

    public void Refuse(RefusedCall call) => refused.Enqueue(call);

    public IReadOnlyList<RefusedCall> Refused => [.. refused];
}
