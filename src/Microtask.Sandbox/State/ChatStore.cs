using System.Collections.Concurrent;
using Microtask.Sandbox.Api;

namespace Microtask.Sandbox.State;

/// <summary>Users and their private chats (chat id == user id, as in Telegram).</summary>
internal sealed class ChatStore
{
    private const long FirstUserId = 100001;
    private readonly ConcurrentDictionary<long, ChatState> _chats = new();
    private readonly List<SandboxUser> _users = [];
    private readonly StateFile? _file;
    private long _lastUserId = FirstUserId - 1;

    public ChatStore(StateFile? file)
    {
        _file = file;
        foreach (var saved in file?.LoadChats() ?? [])
        {
            _chats[saved.User.Id] = new ChatState(saved, file!);
            _users.Add(saved.User);
            _lastUserId = Math.Max(_lastUserId, saved.User.Id);
        }
    }

    public SandboxUser CreateUser(string firstName, string? languageCode, string? username)
    {
        lock (_users)
        {
            // Under the lock, so the file receives users in id order.
            var user = new SandboxUser(++_lastUserId, firstName, username, languageCode);
            _file?.AddUser(user);
            _chats[user.Id] = new ChatState(user, _file);
            _users.Add(user);
            return user;
        }
    }

    public IReadOnlyList<SandboxUser> Users
    {
        get { lock (_users) return _users.OrderBy(u => u.Id).ToArray(); }
    }

    public ChatState? Find(long chatId) => _chats.GetValueOrDefault(chatId);

    public ChatState Get(long chatId) =>
        Find(chatId) ?? throw new ArgumentException($"No sandbox user/chat {chatId}; create it with CreateUser.", nameof(chatId));

    /// <summary>The chat a bot may write to; Telegram's "chat not found" for strangers and silent users.</summary>
    public ChatState ForBot(long chatId) =>
        Find(chatId) is { Started: true } chat ? chat : throw BotApiException.BadRequest("chat not found");
}
