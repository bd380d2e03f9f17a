using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Microtask.Storage.Coordination;

/// <summary>Counters in Redis, one key per worker and project, gone 30 days after their first answer.</summary>
public sealed class RedisProjectAnswerCounters(IConnectionMultiplexer redis, RedisKeys keys, ILogger<RedisProjectAnswerCounters> log) : IProjectAnswerCounters
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(30);

    private const string Increment = "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";

    public async Task<int?> IncrementAsync(long workerId, long projectId)
    {
        try
        {
            return (int)(long)await redis.GetDatabase().ScriptEvaluateAsync(Increment, [keys.ProjectAnswers(workerId, projectId)], [(long)Keep.TotalMilliseconds]);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            log.LogWarning("Redis unavailable for project answer counters, this answer is not counted: {Error}", e.Message);
            return null;
        }
    }

    public async Task ResetAsync(long workerId, long projectId)
    {
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(keys.ProjectAnswers(workerId, projectId));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            log.LogWarning("Redis unavailable for project answer counters, the count goes on: {Error}", e.Message);
        }
    }
}
