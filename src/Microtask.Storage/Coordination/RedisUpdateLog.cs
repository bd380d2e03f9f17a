using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Microtask.Storage.Coordination;

/// <summary>Handled update ids in Redis for a day: longer than Telegram keeps an unconfirmed update.</summary>
public sealed class RedisUpdateLog(IConnectionMultiplexer redis, RedisKeys keys, ILogger<RedisUpdateLog> log) : IUpdateLog
{
    private static readonly TimeSpan Keep = TimeSpan.FromHours(25);

    public async Task<bool> WasHandledAsync(long updateId)
    {
        try
        {
            return await redis.GetDatabase().KeyExistsAsync(keys.Update(updateId));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Handlers are idempotent; without Redis a redelivery is handled again and changes nothing.
            log.LogWarning("Redis unavailable for update de-duplication: {Error}", e.Message);
            return false;
        }
    }

    /// <remarks>
    /// Fire and forget: nothing waits for Redis's reply, so the mark and the release of the chat's lock that follows it
    /// go out together, one round trip for both; Redis runs them in the order sent, so the next holder of the chat's
    /// lock finds the update marked. A mark lost on the way is a redelivery handled again, as after a crash.
    /// </remarks>
    public async Task MarkHandledAsync(long updateId)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(keys.Update(updateId), 1, Keep, flags: CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            log.LogWarning("Redis unavailable for update de-duplication: {Error}", e.Message);
        }
    }
}
