using StackExchange.Redis;

namespace Microtask.Storage.Coordination;

/// <summary>The chat's lock across instances: one update of a chat at a time, whichever instance it lands on.</summary>
public sealed partial class RedisCoordination
{
    /// <summary>
    /// Short, and renewed while the update is handled: an instance killed while holding a chat holds it up for at most
    /// this long (the redelivered update waits for it on another instance).
    /// </summary>
    internal TimeSpan LockTtl { get; init; } = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Takes the chat's lock if it is free, and then, in the same script, reads whether the update was handled before
    /// (the update log's key, <see cref="RedisUpdateLog"/>): 1 or 0 once taken, -1 while another holds the chat.
    /// The read follows the taking, so it sees every mark made by the chat's earlier holders; one round trip does both.
    /// ARGV: our token, the lock's time to live in ms.
    /// </summary>
    private const string TakeAndCheck = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return redis.call('EXISTS', KEYS[2]) end
        return -1
        """;

    public async Task<ChatEntry> EnterAsync(long chatId, long updateId, CancellationToken ct)
    {
        var key = keys.ChatLock(chatId);
        var token = Guid.NewGuid().ToString("N");
        long entered;
        try
        {
            while ((entered = (long)await redis.GetDatabase().ScriptEvaluateAsync(
                       TakeAndCheck, [key, keys.Update(updateId)], [token, (long)LockTtl.TotalMilliseconds])) < 0)
            {
                await Task.Delay(LockPoll, ct);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Warn("chat order across instances", e);
            return new ChatEntry(new Held(this, key, null, null), null);
        }

        return new ChatEntry(new Held(this, key, token, Renew(key, token)), entered == 1);
    }

    /// <summary>
    /// Keeps the chat's lock alive while its holder works, until disposed when the lock is let go. A timer, not a loop
    /// waiting on a cancellation: most updates are handled long before the first tick, and stopping a timer throws
    /// nothing, where cancelling a loop's wait throws once per update.
    /// </summary>
    private Timer Renew(RedisKey key, string token) =>
        new(_ => _ = RenewOnceAsync(key, token), null, LockTtl / 3, LockTtl / 3);

    /// <summary>A renewal that lands after the lock was let go finds another token or none, and changes nothing.</summary>
    private async Task RenewOnceAsync(RedisKey key, string token)
    {
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(IfOurs, [key], [token, (long)LockTtl.TotalMilliseconds]);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
        }
    }

    private async Task LetGoAsync(RedisKey key, string token)
    {
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(IfOurs, [key], [token, 0]);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Warn("chat order across instances", e); // the lock expires by itself
        }
    }

    private sealed class Held(RedisCoordination owner, RedisKey key, string? token, Timer? renewal) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            renewal?.Dispose();

            if (token is null)
            {
                return;
            }

            await owner.LetGoAsync(key, token);
        }
    }
}
