using Microtask.Sandbox.Api;

namespace Microtask.Sandbox.State;

/// <summary>
/// One private chat: its messages keyed by id (ids only grow, so the sorted map is also the
/// transcript order) and the tests waiting for a bot message. One lock per chat keeps chats independent.
/// </summary>
internal sealed class ChatState(SandboxUser user)
{
    private sealed record Waiter(Func<ChatMessage, bool> Predicate, TaskCompletionSource<ChatMessage> Done);

    private readonly SortedDictionary<long, StoredMessage> _messages = [];
    private readonly List<Waiter> _waiters = [];
    private long _lastMessageId;
    private bool _started;

    /// <summary>Held while a change to this chat and its update are made, so both keep the same order.</summary>
    public object Gate { get; } = new();

    public SandboxUser User { get; } = user;

    /// <summary>Set once the user wrote to the bot; before that Telegram says "chat not found".</summary>
    public bool Started
    {
        get => Volatile.Read(ref _started);
        set => Volatile.Write(ref _started, value);
    }

    public StoredMessage Add(Func<long, StoredMessage> create)
    {
        lock (Gate)
        {
            var message = create(++_lastMessageId);
            _messages.Add(message.Id, message);
            Notify(message);
            return message;
        }
    }

    public StoredMessage? Find(long messageId)
    {
        lock (Gate) return _messages.GetValueOrDefault(messageId);
    }

    /// <summary>Replaces a message; <paramref name="edit"/> may refuse by throwing a <see cref="BotApiException"/>.</summary>
    public StoredMessage Replace(long messageId, Func<StoredMessage, StoredMessage> edit)
    {
        lock (Gate)
        {
            if (!_messages.TryGetValue(messageId, out var current))
                throw BotApiException.BadRequest("message to edit not found");
            var updated = edit(current);
            _messages[messageId] = updated;
            Notify(updated);
            return updated;
        }
    }

    public bool Remove(long messageId)
    {
        lock (Gate) return _messages.Remove(messageId);
    }

    public IReadOnlyList<ChatMessage> Transcript()
    {
        lock (Gate) return _messages.Values.Select(m => m.View).ToArray();
    }

    public Task<ChatMessage> WaitForBotMessage(Func<ChatMessage, bool> predicate, out Action cancel)
    {
        var waiter = new Waiter(predicate, new TaskCompletionSource<ChatMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
        cancel = () => { lock (Gate) _waiters.Remove(waiter); };
        lock (Gate)
        {
            foreach (var message in _messages.Values)
                if (message.View.FromBot && predicate(message.View))
                    return Task.FromResult(message.View);
            _waiters.Add(waiter);
        }
        return waiter.Done.Task;
    }

    // Runs under Gate; continuations are asynchronous, so nothing else runs under the lock.
    private void Notify(StoredMessage message)
    {
        if (_waiters.Count == 0 || !message.View.FromBot) return;
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            var waiter = _waiters[i];
            bool matches;
            try { matches = waiter.Predicate(message.View); }
            catch (Exception ex) { waiter.Done.TrySetException(ex); _waiters.RemoveAt(i); continue; }
            if (!matches) continue;
            waiter.Done.TrySetResult(message.View);
            _waiters.RemoveAt(i);
        }
    }
}
