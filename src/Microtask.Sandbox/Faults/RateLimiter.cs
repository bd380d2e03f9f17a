using System.Collections.Concurrent;

namespace Microtask.Sandbox.Faults;

/// <summary>Telegram's documented send limits: about 1 message/s per chat (small bursts pass) and 30/s overall.</summary>
internal sealed class RateLimiter(TimeProvider time, int perChatPerSecond, int perChatBurst, int globalPerSecond)
{
    private readonly ConcurrentDictionary<long, TokenBucket> chats = new();
    private readonly TokenBucket global = new(globalPerSecond, globalPerSecond, time.GetTimestamp());

    public int PerChatPerSecond => perChatPerSecond;
    public int PerChatBurst => perChatBurst;
    public int GlobalPerSecond => globalPerSecond;

    /// <summary>Takes one send from the chat's and the global budget; otherwise the seconds to wait.</summary>
    public int? TryAcquire(long? chatId)
    {
        var now = time.GetTimestamp();
        var ticks = (double)time.TimestampFrequency;
        TokenBucket? chat = null;
        if (chatId is { } id)
        {
            chat = chats.GetOrAdd(id, _ => new TokenBucket(perChatPerSecond, perChatBurst, now));
            if (!chat.TryTake(now, ticks, out var chatWait)) return chatWait;
        }
        if (this.global.TryTake(now, ticks, out var globalWait)) return null;
        chat?.Refund();
        return globalWait;
    }
}
