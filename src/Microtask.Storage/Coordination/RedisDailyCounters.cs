using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Microtask.Storage.Coordination;

/// <summary>
/// Daily counters in Redis, one key per worker and local date, kept two days (a local day is at most 26 hours,
/// and no zone's date is more than a day from UTC's). Without Redis every read misses and the caller counts in the database.
/// </summary>
public sealed class RedisDailyCounters(IConnectionMultiplexer redis, RedisKeys keys, ILogger<RedisDailyCounters> log) : IDailyCounters
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(2);

    private const string SetOrRead =
        "if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return tonumber(ARGV[1]) end return tonumber(redis.call('GET', KEYS[1]))";

    private const string IncrementIfPresent = "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCR', KEYS[1]) end return -1";

    public async Task<int?> GetAsync(long workerId, DateOnly day)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(keys.DailyCount(workerId, day));
            return value.HasValue ? (int?)(int)value : null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            log.LogWarning("Redis unavailable for daily counters, counting in the database: {Error}", e.Message);
            return null;
        }
    }

    public async Task<int> RebuildAsync(long workerId, DateOnly day, int counted)
    {
        try
        {
            var stored = await redis.GetDatabase().ScriptEvaluateAsync(
                SetOrRead, [keys.DailyCount(workerId, day)], [counted, (long)Keep.TotalMilliseconds]);
            return stored.IsNull ? counted : (int)stored;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            log.LogWarning("Redis unavailable for daily counters, counting in the database: {Error}", e.Message);
            return counted;
        }
    }

    public async Task<int?> IncrementAsync(long workerId, DateOnly day)
    {
        try
        {
            var count = (long)await redis.GetDatabase().ScriptEvaluateAsync(IncrementIfPresent, [keys.DailyCount(workerId, day)]);
            return count < 0 ? null : (int)count;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            log.LogWarning("Redis unavailable for daily counters, the next read counts in the database: {Error}", e.Message);
            return null;
        }
    }
}
