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

    private readonly SortedDictionary<long, StoredMessage> _messages = [];
    private readonly List<Waiter> _waiters = [];
    private readonly StateFile? _file;
    private long _lastMessageId;
    private bool _started;

    public ChatState(SandboxUser user, StateFile? file)
    {
        User = user;
        _file = file;
    }

    /// <summary>The chat as the state file kept it.</summary>
    public ChatState(SavedChat saved, StateFile file) : this(saved.User, file)
    {
        _started = saved.Started;
        _lastMessageId = Math.Max(saved.LastMessageId, saved.Messages.Count == 0 ? 0 : saved.Messages[^1].Id);
        foreach (var message in saved.Messages) _messages.Add(message.Id, message);
    }

    /// <summary>Held while a change to this chat and its update are made, so both keep the same order.</summary>
    public object Gate { get; } = new();

    public SandboxUser User { get; }

    /// <summary>Set once the user wrote to the bot; before that Telegram says "chat not found".</summary>
    public bool Started => Volatile.Read(ref _started);

    public void MarkStarted()
    {
        lock (Gate)
        {
            if (_started) return;
            Volatile.Write(ref _started, true);
            _file?.MarkStarted(User.Id);
        }
    }

    public StoredMessage Add(Func<long, StoredMessage> create)
    {
        lock (Gate)
        {
            var message = create(++_lastMessageId);
            _messages.Add(message.Id, message);
            _file?.SaveMessage(User.Id, message);
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
            _file?.SaveMessage(User.Id, updated);
            Notify(updated);
            return updated;
        }
    }

    public bool Remove(long messageId)
    {
        lock (Gate)
        {
            if (!_messages.Remove(messageId)) return false;
            _file?.DeleteMessage(User.Id, messageId);
            return true;
        }
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
