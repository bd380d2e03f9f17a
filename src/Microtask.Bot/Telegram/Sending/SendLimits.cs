using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Microtask.Storage.Coordination;

namespace Microtask.Bot.Telegram.Sending;

/// <summary>
/// Token buckets for Telegram's limits: one for the bot, one per chat. Waiting here is cheap; a 429 from
/// Telegram is not (it can hold a chat back for many seconds). Two lanes share the bot's bucket: interactive
/// replies queue for it; the bulk lane (reminders, broadcasts) takes a token only when no reply is waiting.
/// With several instances (Redis) the buckets that count are shared ones in Redis, kept on Redis's clock; the
/// in-process buckets still bound this instance, and are the whole story again while Redis is unreachable.
/// </summary>
internal sealed class SendLimits : IDisposable
{
    private readonly RateLimiter? global;
    private readonly PartitionedRateLimiter<long> perChat;

    // One bulk sender at a time asks for a token, so a fan-out of thousands polls as one.
    private readonly SemaphoreSlim bulkGate = new(1, 1);
    private readonly TimeSpan bulkStep = TimeSpan.FromSeconds(1);
    private readonly ISharedSendRate shared;
    private readonly SendRates rates;

    public SendLimits(IOptions<SenderOptions> options, ISharedSendRate? shared = null)
    {
        var o = options.Value;
        this.shared = shared ?? new InProcessCoordination();
        rates = new SendRates(o.PerChatPerSecond, o.PerChatBurst, o.GlobalPerSecond);
        if (o.GlobalPerSecond > 0)
        {
            // Tokens come in even slices of the second (one every 33 ms at 30/s), not all at once: when a fan-out
            // has taken every token, a reply waits for the next slice, not for the next second.
            var slices = Enumerable.Range(1, 50).Last(d => o.GlobalPerSecond % d == 0);
            bulkStep = TimeSpan.FromSeconds(1.0 / slices);
            global = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = o.GlobalPerSecond,
                TokensPerPeriod = o.GlobalPerSecond / slices,
                ReplenishmentPeriod = bulkStep,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }

        perChat = PartitionedRateLimiter.Create<long, long>(chatId => RateLimitPartition.GetTokenBucketLimiter(chatId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.PerChatBurst,
            TokensPerPeriod = o.PerChatPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 1000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Waits until one more message to <paramref name="chatId"/> fits both limits.</summary>
    public async ValueTask WaitAsync(long chatId, CancellationToken ct)
    {
        using var chat = await perChat.AcquireAsync(chatId, 1, ct);
        if (await SharedAsync(chatId, bulk: false, ct))
        {
            return;
        }

        if (global is not null)
        {
            using var all = await global.AcquireAsync(1, ct);
        }
    }

    /// <summary>As <see cref="WaitAsync"/>, but behind every interactive send that is waiting for the bot's rate.</summary>
    public async ValueTask WaitBulkAsync(long chatId, CancellationToken ct)
    {
        using var chat = await perChat.AcquireAsync(chatId, 1, ct);
        if (global is null || await SharedAsync(chatId, bulk: true, ct))
        {
            return;
        }

        await bulkGate.WaitAsync(ct);
        try
        {
            while (true)
            {
                // AttemptAcquire never jumps the queue: it fails while an interactive send waits for a token.
                using var lease = global.AttemptAcquire(1);
                if (lease.IsAcquired)
                {
                    return;
                }

                await Task.Delay(bulkStep, ct);
            }
        }
        finally
        {
            bulkGate.Release();
        }
    }

    /// <summary>True once the shared buckets gave a token; false when there are none (one process) or Redis is away.</summary>
    private async ValueTask<bool> SharedAsync(long chatId, bool bulk, CancellationToken ct)
    {
        if (!shared.Shared)
        {
            return false;
        }

        while (true)
        {
            switch (await shared.TakeAsync(chatId, bulk, rates))
            {
                case null:
                    return false;
                case { } wait when wait <= TimeSpan.Zero:
                    return true;
                case { } wait:
                    await Task.Delay(wait, ct);
                    break;
            }
        }
    }

    public void Dispose()
    {
        global?.Dispose();
        perChat.Dispose();
        bulkGate.Dispose();
    }
}
