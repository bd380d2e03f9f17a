using Microtask.Core;
using StackExchange.Redis;

namespace Microtask.Storage.Coordination;

/// <summary>
/// The first upload of a media value across instances. The value's key holds <c>lead:&lt;token&gt;</c> while one
/// instance uploads, then <c>id:&lt;file_id&gt;</c> for a minute, for the instances that were waiting or come late
/// (later ones find the id in the database). The lock is not renewed: an upload that outlasts it, or a holder that
/// died, lets the waiting instances upload too, which costs an upload and never a worker's wait.
/// </summary>
public sealed partial class RedisCoordination : IFirstUploads
{
    private const string Leading = "lead:";
    private const string Uploaded = "id:";
    private static readonly TimeSpan UploadPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan UploadedKept = TimeSpan.FromMinutes(1);

    /// <summary>How long a first upload holds its value before others may upload it too.</summary>
    internal TimeSpan UploadLockTtl { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Takes the key when it is free (and gives an empty string), else gives what it holds. ARGV: our value, the lock's ms.</summary>
    private const string TakeOrRead = """
        local held = redis.call('GET', KEYS[1])
        if held then return held end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return ''
        """;

    public async Task<FirstUpload> ClaimAsync(string media, MediaKind kind)
    {
        var key = keys.FirstUpload(media, kind.Name());
        var token = Leading + Guid.NewGuid().ToString("N");
        string held;
        try
        {
            held = (string?)await redis.GetDatabase().ScriptEvaluateAsync(TakeOrRead, [key], [token, (long)UploadLockTtl.TotalMilliseconds]) ?? "";
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Warn("first uploads across instances", e);
            return new FirstUpload(new UploadLead(this, key, null), null);
        }

        return held switch
        {
            "" => new FirstUpload(new UploadLead(this, key, token), null),
            _ when held.StartsWith(Uploaded, StringComparison.Ordinal) => new FirstUpload(null, held[Uploaded.Length..]),
            _ => default,
        };
    }

    public async Task<string?> WaitAsync(string media, MediaKind kind, TimeSpan wait, CancellationToken ct)
    {
        var key = keys.FirstUpload(media, kind.Name());
        var deadline = Environment.TickCount64 + (long)wait.TotalMilliseconds;
        try
        {
            while (true)
            {
                var held = (string?)await redis.GetDatabase().StringGetAsync(key);
                if (held is null || held.StartsWith(Uploaded, StringComparison.Ordinal))
                {
                    return held?[Uploaded.Length..];
                }

                if (Environment.TickCount64 >= deadline)
                {
                    return null;
                }

                await Task.Delay(UploadPoll, ct);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Warn("first uploads across instances", e);
            return null;
        }
    }

    private async Task FinishUploadAsync(RedisKey key, string? token, string? fileId)
    {
        try
        {
            if (fileId is not null)
            {
                // Whoever holds the key now (our lock may have run out and another taken it): the id serves them all.
                await redis.GetDatabase().StringSetAsync(key, Uploaded + fileId, UploadedKept);
            }
            else if (token is not null)
            {
                await redis.GetDatabase().ScriptEvaluateAsync(IfOurs, [key], [token, 0]);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Warn("first uploads across instances", e); // the lock runs out by itself
        }
    }

    /// <param name="token">Null when Redis was unreachable at the claim: nothing of ours to let go.</param>
    private sealed class UploadLead(RedisCoordination owner, RedisKey key, string? token) : IUploadLead
    {
        public Task FinishAsync(string? fileId) => token is null && fileId is null ? Task.CompletedTask : owner.FinishUploadAsync(key, token, fileId);
    }
}
