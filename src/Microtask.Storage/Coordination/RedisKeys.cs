using StackExchange.Redis;

namespace Microtask.Storage.Coordination;

/// <summary>Every Redis key the bot uses is built here.</summary>
internal static class RedisKeys
{
    private const string Prefix = "mt:";

    public static RedisKey Lease(long workerId) => $"{Prefix}lease:{workerId}";

    public static RedisKey Update(long updateId) => $"{Prefix}update:{updateId}";
}
