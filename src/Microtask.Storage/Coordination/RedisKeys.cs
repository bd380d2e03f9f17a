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

    /// <summary>Held while one instance handles an update of the chat: a chat's updates run one at a time across instances.</summary>
    public RedisKey ChatLock(long chatId) => $"{prefix}chat-lock:{chatId}";

    /// <summary>The token bucket of sends to one chat, shared by every instance.</summary>
    public RedisKey SendBucket(long chatId) => $"{prefix}send:{chatId}";

    /// <summary>The token bucket of all the bot's sends, shared by every instance.</summary>
    public RedisKey SendBucketAll => $"{prefix}send:all";

    /// <summary>Held by the one instance that polls Telegram for updates.</summary>
    public RedisKey Poller => $"{prefix}poller";

    /// <summary>
    /// Held by the instance uploading a media value for the first time, then holding the file_id it got for a while; by
    /// the value's hash, since a value (a URL) may be long.
    /// </summary>
    public RedisKey FirstUpload(string media, string kind) =>
        $"{prefix}upload:{kind}:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(media)))}";

    /// <summary>A worker's answers on one local date (the worker's time zone decides which date).</summary>
    public RedisKey DailyCount(long workerId, DateOnly day) =>
        $"{prefix}day:{workerId}:{day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>An API token's requests in one minute (counted from the Unix epoch), by every instance.</summary>
    public RedisKey ApiRequests(long tokenId, long minute) => $"{prefix}api:{tokenId}:{minute}";

    /// <summary>A worker's answers on one project since the counter began (when to ask them to rate it).</summary>
    public RedisKey ProjectAnswers(long workerId, long projectId) => $"{prefix}project-answers:{workerId}:{projectId}";
}
