using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;

namespace Microtask.Bot.Telegram;

/// <summary>
/// Token buckets for Telegram's limits: one for the bot, one per chat. Waiting here is cheap; a 429 from
/// Telegram is not (it can hold a chat back for many seconds).
/// </summary>
internal sealed class SendLimits : IDisposable
{
    private readonly RateLimiter? global;
    private readonly PartitionedRateLimiter<long> perChat;

    public SendLimits(IOptions<SenderOptions> options)
    {
        var o = options.Value;
        if (o.GlobalPerSecond > 0)
        {
            global = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = o.GlobalPerSecond,
                TokensPerPeriod = o.GlobalPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
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
        if (global is not null)
        {
            using var all = await global.AcquireAsync(1, ct);
        }
    }

    public void Dispose()
    {
        global?.Dispose();
        perChat.Dispose();
    }
}
