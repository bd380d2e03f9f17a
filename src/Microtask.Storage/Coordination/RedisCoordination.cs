using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Microtask.Storage.Coordination;

/// <summary>
/// What several instances share through Redis: a lock per chat, Telegram's send limits as token buckets, and the
/// poller's lease. Redis is coordination, never the only copy: when it is unreachable each instance goes on alone
/// (its own chat order and send limits), which is what one instance does anyway.
/// </summary>
public sealed partial class RedisCoordination(IConnectionMultiplexer redis, RedisKeys keys, ILogger<RedisCoordination> log) : IChatGate, ISharedSendRate, IPollerLease, ISharedRequestRate
{
    /// <summary>Deletes or extends a key only while it still holds our token.</summary>
    private const string IfOurs = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
            if ARGV[2] == '0' then return redis.call('DEL', KEYS[1]) end
            return redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return 0
        """;

    /// <summary>
    /// Two token buckets (the chat's, the bot's) on Redis's own clock, so every instance counts alike. Both tokens or
    /// none are taken; otherwise the milliseconds until both would be there. ARGV: chat rate, chat burst, bot rate
    /// (0: none), bot burst, tokens a bulk send leaves in the bot's bucket.
    /// </summary>
    private const string TakeTokens = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local function level(key, rate, burst)
            local v = redis.call('HMGET', key, 'tokens', 'at')
            local tokens, at = tonumber(v[1]), tonumber(v[2])
            if tokens == nil then return burst end
            return math.min(burst, tokens + (now - at) * rate / 1000)
        end
        local chatRate, chatBurst = tonumber(ARGV[1]), tonumber(ARGV[2])
        local allRate, allBurst, reserve = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
        local chat = level(KEYS[1], chatRate, chatBurst)
        local wait = 0
        if chat < 1 then wait = math.ceil((1 - chat) * 1000 / chatRate) end
        local all = nil
        if allRate > 0 then
            all = level(KEYS[2], allRate, allBurst)
            if all < 1 + reserve then wait = math.max(wait, math.ceil((1 + reserve - all) * 1000 / allRate)) end
        end
        if wait > 0 then return wait end
        redis.call('HSET', KEYS[1], 'tokens', chat - 1, 'at', now)
        redis.call('PEXPIRE', KEYS[1], 60000)
        if all then
            redis.call('HSET', KEYS[2], 'tokens', all - 1, 'at', now)
            redis.call('PEXPIRE', KEYS[2], 60000)
        end
        return 0
        """;

    private long lastWarning;

    public bool Shared => true;

    public async Task<TimeSpan?> TakeAsync(long chatId, bool bulk, SendRates rates)
    {
        try
        {
            var reserve = bulk && rates.GlobalPerSecond > 0 ? Math.Max(1, rates.GlobalPerSecond / 4) : 0;
            var wait = (long)await redis.GetDatabase().ScriptEvaluateAsync(
                TakeTokens,
                [keys.SendBucket(chatId), keys.SendBucketAll],
                [rates.PerChatPerSecond, rates.PerChatBurst, rates.GlobalPerSecond, rates.GlobalPerSecond, reserve]);
            return TimeSpan.FromMilliseconds(wait);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Warn("the shared send rate", e);
            return null;
        }
    }

    /// <remarks>The count and its expiry go in one round trip; a minute's key outlives its minute briefly, then goes.</remarks>
    public async Task<TimeSpan?> TakeAsync(long tokenId, int perMinute, DateTimeOffset now)
    {
        try
        {
            var ms = now.ToUnixTimeMilliseconds();
            var minute = ms / 60_000;
            var key = keys.ApiRequests(tokenId, minute);
            var batch = redis.GetDatabase().CreateBatch();
            var count = batch.StringIncrementAsync(key);
            var expiry = batch.KeyExpireAsync(key, TimeSpan.FromMinutes(2));
            batch.Execute();
            await Task.WhenAll(count, expiry);
            return count.Result <= perMinute ? TimeSpan.Zero : TimeSpan.FromMilliseconds((minute + 1) * 60_000 - ms);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Warn("the shared API rate", e);
            return null;
        }
    }

    /// <remarks>With Redis unreachable nobody can tell: the instance goes on (Telegram's 409 is the last word).</remarks>
    public async Task<bool> HoldAsync(string instance, TimeSpan ttl)
    {
        try
        {
            var db = redis.GetDatabase();
            if (await db.StringSetAsync(keys.Poller, instance, ttl, When.NotExists))
            {
                return true;
            }

            return (long)await db.ScriptEvaluateAsync(IfOurs, [keys.Poller], [instance, (long)ttl.TotalMilliseconds]) == 1;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Warn("the poller's lease", e);
            return true;
        }
    }

    public async Task ReleaseAsync(string instance)
    {
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(IfOurs, [keys.Poller], [instance, 0]);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Warn("the poller's lease", e); // it expires by itself
        }
    }

    /// <summary>At most one warning a second: an outage must not flood the log.</summary>
    private void Warn(string what, Exception e)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref lastWarning);
        if (now - last > 1000 && Interlocked.CompareExchange(ref lastWarning, now, last) == last)
        {
            log.LogWarning("Redis unavailable for {What}; this instance goes on alone: {Error}", what, e.Message);
        }
    }
}
