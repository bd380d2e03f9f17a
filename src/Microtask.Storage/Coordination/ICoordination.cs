using Microtask.Core;

namespace Microtask.Storage.Coordination;

/// <summary>
/// Serialises one chat's updates across instances (one process's own order is kept by its in-process chat locks).
/// In one process it is nothing; with Redis it is a lock per chat.
/// </summary>
public interface IChatGate
{
    /// <summary>
    /// Waits for the chat to handle update <paramref name="updateId"/>; disposing the entry lets the next instance in.
    /// Never throws for an unreachable Redis: it lets the update through.
    /// </summary>
    Task<ChatEntry> EnterAsync(long chatId, long updateId, CancellationToken ct);
}

/// <summary>
/// A chat entered. Where the gate and the update log share a store (Redis), the round trip that took the chat also
/// read whether the update was handled before (<see cref="HandledBefore"/>); null when the gate cannot tell, and the
/// caller asks the update log.
/// </summary>
public readonly record struct ChatEntry(IAsyncDisposable Exit, bool? HandledBefore);

/// <summary>Telegram's send limits counted for every instance together; in one process the in-process limiter is the whole story.</summary>
public interface ISharedSendRate
{
    bool Shared { get; }

    /// <summary>
    /// Takes a token for one message to the chat (and one of the bot's): zero when taken, else how long to wait before
    /// asking again; null when the shared count is unreachable (the caller falls back to its own limiter).
    /// A bulk send leaves a reserve of the bot's tokens to interactive ones.
    /// </summary>
    Task<TimeSpan?> TakeAsync(long chatId, bool bulk, SendRates rates);
}

/// <summary>Requests per API token counted for every instance together, in fixed windows of a minute.</summary>
public interface ISharedRequestRate
{
    /// <summary>
    /// Counts one request of the token in the minute of <paramref name="now"/>: zero when it is within
    /// <paramref name="perMinute"/>, else how long until the next minute; null when nothing is shared (one process) or
    /// the shared count is unreachable, and the caller's own limiter decides.
    /// </summary>
    Task<TimeSpan?> TakeAsync(long tokenId, int perMinute, DateTimeOffset now);
}

/// <summary>The limits in force: per chat and for the whole bot (0 for no bot-wide limit).</summary>
public readonly record struct SendRates(int PerChatPerSecond, int PerChatBurst, int GlobalPerSecond);

/// <summary>The right to poll Telegram: one poller per bot token, since Telegram answers a second one with 409.</summary>
public interface IPollerLease
{
    /// <summary>Takes or renews the lease for <paramref name="instance"/>; false when another instance holds it.</summary>
    Task<bool> HoldAsync(string instance, TimeSpan ttl);

    Task ReleaseAsync(string instance);
}

/// <summary>One process: nothing to share with.</summary>
public sealed class InProcessCoordination : IChatGate, ISharedSendRate, IPollerLease, IFirstUploads, ISharedRequestRate
{
    private static readonly ChatEntry Nothing = new(new Empty(), null);
    private static readonly FirstUpload Alone = new(new Empty(), null);

    public bool Shared => false;

    public Task<ChatEntry> EnterAsync(long chatId, long updateId, CancellationToken ct) => Task.FromResult(Nothing);

    public Task<TimeSpan?> TakeAsync(long chatId, bool bulk, SendRates rates) => Task.FromResult<TimeSpan?>(null);

    public Task<TimeSpan?> TakeAsync(long tokenId, int perMinute, DateTimeOffset now) => Task.FromResult<TimeSpan?>(null);

    public Task<bool> HoldAsync(string instance, TimeSpan ttl) => Task.FromResult(true);

    public Task ReleaseAsync(string instance) => Task.CompletedTask;

    public Task<FirstUpload> ClaimAsync(string media, MediaKind kind) => Task.FromResult(Alone);

    public Task<string?> WaitAsync(string media, MediaKind kind, TimeSpan wait, CancellationToken ct) => Task.FromResult<string?>(null);

    private sealed class Empty : IAsyncDisposable, IUploadLead
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public Task FinishAsync(string? fileId) => Task.CompletedTask;
    }
}
