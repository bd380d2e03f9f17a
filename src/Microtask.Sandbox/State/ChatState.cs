using Microtask.Sandbox.Api;

namespace Microtask.Sandbox.State;

/// <summary>
/// One private chat: its messages keyed by id (ids only grow, so the sorted map is also the
/// transcript order) and the tests waiting for a bot message. One lock per chat keeps chats independent.
/// Every change is written through to the state file, when there is one.
/// </summary>
internal sealed class ChatState
{
    private sealed record Waiter(Func<ChatMessage, bool> Predicate, TaskCompletionSource<ChatMessage> Done);

    private readonly SortedDictionary<long, StoredMessage> messages = [];
    private readonly List<Waiter> waiters = [];
    private readonly StateFile? file;
    private long lastMessageId;
    private bool started;

    public ChatState(SandboxUser user, StateFile? file)
    {
        User = user;
        this.file = file;
    }

    /// <summary>The chat as the state file kept it.</summary>
    public ChatState(SavedChat saved, StateFile file) : this(saved.User, file)
    {
        started = saved.Started;
        lastMessageId = Math.Max(saved.LastMessageId, saved.Messages.Count == 0 ? 0 : saved.Messages[^1].Id);
        foreach (var message in saved.Messages) this.messages.Add(message.Id, message);
    }

    /// <summary>Held while a change to this chat and its update are made, so both keep the same order.</summary>
    public object Gate { get; } = new();

    public SandboxUser User { get; }

    /// <summary>Set once the user wrote to the bot; before that Telegram says "chat not found".</summary>
    public bool Started => Volatile.Read(ref started);

    public void MarkStarted()
    {
        lock (Gate)
        {
            if (started) return;
            Volatile.Write(ref started, true);
            this.file?.MarkStarted(User.Id);
        }
    }

    public StoredMessage Add(Func<long, StoredMessage> create)
    {
        lock (Gate)
        {
            var message = create(++lastMessageId);
            this.messages.Add(message.Id, message);
            this.file?.SaveMessage(User.Id, message);
            Notify(message);
            return message;
        }
    }

    public StoredMessage? Find(long messageId)
    {
        lock (Gate) return this.messages.GetValueOrDefault(messageId);
    }

    /// <summary>Replaces a message; <paramref name="edit"/> may refuse by throwing a <see cref="BotApiException"/>.</summary>
    public StoredMessage Replace(long messageId, Func<StoredMessage, StoredMessage> edit)
    {
        lock (Gate)
        {
            if (!this.messages.TryGetValue(messageId, out var current))
                throw BotApiException.BadRequest("message to edit not found");
            // An edit changes what the message shows, never the reply keyboard it set (Telegram edits only inline ones).
            var updated = edit(current);
            updated = updated with { View = updated.View with { ReplyKeyboard = current.View.ReplyKeyboard, RemovesReplyKeyboard = current.View.RemovesReplyKeyboard } };
            this.messages[messageId] = updated;
            this.file?.SaveMessage(User.Id, updated);
            Notify(updated);
            return updated;
        }
    }

    public bool Remove(long messageId)
    {
        lock (Gate)
        {
            if (!this.messages.Remove(messageId)) return false;
            this.file?.DeleteMessage(User.Id, messageId);
            return true;
        }
    }

    public IReadOnlyList<ChatMessage> Transcript()
    {
        lock (Gate) return this.messages.Values.Select(m => m.View).ToArray();
    }

    public Task<ChatMessage> WaitForBotMessage(Func<ChatMessage, bool> predicate, out Action cancel)
    {
        var waiter = new Waiter(predicate, new TaskCompletionSource<ChatMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
        cancel = () => { lock (Gate) waiters.Remove(waiter); };
        lock (Gate)
        {
            foreach (var message in this.messages.Values)
                if (message.View.FromBot && predicate(message.View))
                    return Task.FromResult(message.View);
            waiters.Add(waiter);
        }
        return waiter.Done.Task;
    }

    // Runs under Gate; continuations are asynchronous, so nothing else runs under the lock.
    private void Notify(StoredMessage message)
    {
        if (waiters.Count == 0 || !message.View.FromBot) return;
        for (var i = waiters.Count - 1; i >= 0; i--)
        {
            var waiter = waiters[i];
            bool matches;
            try { matches = waiter.Predicate(message.View); }
            catch (Exception ex) { waiter.Done.TrySetException(ex); waiters.RemoveAt(i); continue; }
            if (!matches) continue;
            waiter.Done.TrySetResult(message.View);
            waiters.RemoveAt(i);
        }
    }
}
