using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Microtask.Storage.Coordination;

/// <summary>
/// Leases in Redis with the lease's own expiry. When Redis is unreachable the bot goes on from the database:
/// reads miss, writes are dropped with a warning.
/// </summary>
public sealed class RedisLeaseStore(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time, ILogger<RedisLeaseStore> log) : ILeaseStore
{
    private const string RemoveIfSame = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    /// <remarks>
    /// Fire and forget: nothing waits for Redis's reply, so the task message is not held up by it. Redis
    /// runs commands in the order they are sent, and this process sends all of its commands on one connection, so a
    /// later read of the lease finds it. A write lost on the way (Redis away: no warning, nothing waits to see it
    /// fail) leaves a miss or an older lease, and every caller checks what it finds against the database.
    /// </remarks>
    public Task PutAsync(long workerId, long assignmentId, DateTimeOffset expiresAt) => Guard(async () =>
    {
        var left = expiresAt - time.GetUtcNow();
        var db = redis.GetDatabase();
        if (left <= TimeSpan.Zero)
        {
            return await db.KeyDeleteAsync(keys.Lease(workerId), CommandFlags.FireAndForget);
        }

        return await db.StringSetAsync(keys.Lease(workerId), assignmentId, left, flags: CommandFlags.FireAndForget);
    });

    public Task<long?> GetAsync(long workerId) => Guard(async () =>
    {
        var value = await redis.GetDatabase().StringGetAsync(keys.Lease(workerId));
        return value.HasValue ? (long?)(long)value : null;
    });

    public Task RemoveAsync(long workerId, long assignmentId) => Guard(async () =>
        await redis.GetDatabase().ScriptEvaluateAsync(RemoveIfSame, [keys.Lease(workerId)], [assignmentId]));

    private async Task<T?> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            log.LogWarning("Redis unavailable for leases, using the database: {Error}", e.Message);
            return default;
        }
    }
}
