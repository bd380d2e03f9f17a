using System.Collections.Concurrent;
using Microtask.Sandbox.Api;

namespace Microtask.Sandbox.State;

/// <summary>Users and their private chats (chat id == user id, as in Telegram).</summary>
internal sealed class ChatStore
{
    private const long FirstUserId = 100001;
    private readonly ConcurrentDictionary<long, ChatState> chats = new();
    private readonly List<SandboxUser> users = [];
    private readonly StateFile? file;
    private long lastUserId = FirstUserId - 1;

    public ChatStore(StateFile? file)
    {
        this.file = file;
        foreach (var saved in file?.LoadChats() ?? [])
        {
            this.chats[saved.User.Id] = new ChatState(saved, file!);
            this.users.Add(saved.User);
            lastUserId = Math.Max(lastUserId, saved.User.Id);
        }
    }

    public SandboxUser CreateUser(string firstName, string? languageCode, string? username)
    {
        lock (this.users)
        {
            // Under the lock, so the file receives users in id order.
            var user = new SandboxUser(++lastUserId, firstName, username, languageCode);
            this.file?.AddUser(user);
            this.chats[user.Id] = new ChatState(user, this.file);
            this.users.Add(user);
            return user;
        }
    }

    public IReadOnlyList<SandboxUser> Users
    {
        get { lock (this.users) return this.users.OrderBy(u => u.Id).ToArray(); }
    }

    public ChatState? Find(long chatId) => this.chats.GetValueOrDefault(chatId);

    public ChatState Get(long chatId) =>
        Find(chatId) ?? throw new ArgumentException($"No sandbox user/chat {chatId}; create it with CreateUser.", nameof(chatId));

    /// <summary>The chat a bot may write to; Telegram's "chat not found" for strangers and silent users.</summary>
    public ChatState ForBot(long chatId) =>
        Find(chatId) is { Started: true } chat ? chat : throw BotApiException.BadRequest("chat not found");
}
