using StackExchange.Redis;

namespace Microtask.Storage.Coordination;

/// <summary>
/// Every Redis key the bot uses is built here. The prefix keeps two deployments (or two test runs) that share
/// one Redis apart.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public RedisKey Lease(long workerId) => $"{prefix}lease:{workerId}";

    public RedisKey Update(long updateId) => $"{prefix}update:{updateId}";

    /// <summary>A worker's answers on one local date (the worker's time zone decides which date).</summary>
    public RedisKey DailyCount(long workerId, DateOnly day) =>
        $"{prefix}day:{workerId}:{day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";
}
