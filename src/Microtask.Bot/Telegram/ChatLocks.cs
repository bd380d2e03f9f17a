namespace Microtask.Bot.Telegram;

/// <summary>
/// One lock per chat, so a chat's updates are handled one at a time and in order while different chats run
/// concurrently. Locks are dropped when no one holds or waits for them, so memory follows live chats only.
/// </summary>
internal sealed class ChatLocks
{
    private readonly Dictionary<long, Entry> entries = [];

    public async Task<IDisposable> AcquireAsync(long chatId, CancellationToken ct)
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
