using Microtask.Storage.Coordination;

namespace Microtask.Bot.Telegram.Transport;

/// <summary>
/// One lock per chat, so a chat's updates are handled one at a time and in order while different chats run
/// concurrently. Locks are dropped when no one holds or waits for them, so memory follows live chats only.
/// Across instances the chat's gate (a Redis lock) is taken too, inside this process's own lock, so only one update
/// per chat and process waits for it.
/// </summary>
internal sealed class ChatLocks(IChatGate gate)
{
    private readonly Dictionary<long, Entry> entries = [];

    /// <summary>The chat, held to handle update <paramref name="updateId"/> (the gate may say whether it was handled before).</summary>
    public async Task<Hold> AcquireAsync(long chatId, long updateId, CancellationToken ct)
    {
        var local = await AcquireLocalAsync(chatId, ct);
        try
        {
            var entry = await gate.EnterAsync(chatId, updateId, ct);
            return new Hold(local, entry.Exit, entry.HandledBefore);
        }
        catch
        {
            local.Dispose();
            throw;
        }
    }

    private async Task<IDisposable> AcquireLocalAsync(long chatId, CancellationToken ct)
    {
        Entry entry;
        lock (entries)
        {
            if (!entries.TryGetValue(chatId, out entry!))
            {
                entry = new Entry();
                entries[chatId] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Gate.WaitAsync(ct);
        }
        catch
        {
            Leave(chatId, entry);
            throw;
        }

        return new Releaser(this, chatId, entry);
    }

    private void Leave(long chatId, Entry entry)
    {
        lock (entries)
        {
            if (--entry.Users == 0)
            {
                entries.Remove(chatId);
            }
        }
    }

    /// <summary>The chat held in this process and across instances; <c>await using</c> lets the next one in after both are released.</summary>
    public sealed class Hold(IDisposable local, IAsyncDisposable shared, bool? handledBefore) : IAsyncDisposable, IDisposable
    {
        /// <summary>Whether the update was handled before, when the gate read it on the way in; null when it did not.</summary>
        public bool? HandledBefore => handledBefore;

        public async ValueTask DisposeAsync()
        {
            try
            {
                await shared.DisposeAsync();
            }
            finally
            {
                local.Dispose();
            }
        }

        /// <summary>For a plain <c>using</c>: the shared release goes on in the background (the next holder polls for it).</summary>
        public void Dispose()
        {
            _ = shared.DisposeAsync().AsTask();
            local.Dispose();
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Releaser(ChatLocks owner, long chatId, Entry entry) : IDisposable
    {
        public void Dispose()
        {
            entry.Gate.Release();
            owner.Leave(chatId, entry);
        }
    }
}
