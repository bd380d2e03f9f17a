namespace Microtask.Sandbox.State;

/// <summary>A setMyCommands scope: its type, and the chat for the chat scope (the only one private chats know).</summary>
internal sealed record CommandScope(string Type, long? ChatId = null)
{
    public static readonly CommandScope Default = new("default");
    public static readonly CommandScope AllPrivateChats = new("all_private_chats");

    public string Key => ChatId is { } id ? $"{Type}:{id}" : Type;
}

/// <summary>Command menus by scope and language, as setMyCommands left them.</summary>
internal sealed class CommandStore
{
    private readonly object gate = new();
    private readonly Dictionary<(string Scope, string Language), IReadOnlyList<BotCommandInfo>> menus = [];
    private readonly StateFile? file;

    public CommandStore(StateFile? file)
    {
        this.file = file;
        foreach (var (scope, language, commands) in file?.LoadMenus() ?? []) this.menus[(scope, language)] = commands;
    }

    /// <summary>An empty list deletes the menu, as deleteMyCommands does.</summary>
    public void Set(CommandScope scope, string? language, IReadOnlyList<BotCommandInfo> commands)
    {
        var key = (scope.Key, language ?? "");
        lock (gate)
        {
            if (commands.Count == 0) this.menus.Remove(key);
            else this.menus[key] = commands;
            this.file?.SaveMenu(key.Item1, key.Item2, commands);
        }
    }

    /// <summary>Exactly this scope and language (getMyCommands): empty when nothing was set there.</summary>
    public IReadOnlyList<BotCommandInfo> Get(CommandScope scope, string? language)
    {
        lock (gate) return this.menus.GetValueOrDefault((scope.Key, language ?? "")) ?? [];
    }

    /// <summary>What a user in a private chat sees for exactly this language: the private-chats menu, else the default one.</summary>
    public IReadOnlyList<BotCommandInfo> ForPrivateChats(string? language) =>
        First([(CommandScope.AllPrivateChats, language), (CommandScope.Default, language)]);

    /// <summary>
    /// The menu of one private chat, in Telegram's order: the chat's own list, then all private chats', then the
    /// default one, each first in the user's language and then for every language.
    /// </summary>
    public IReadOnlyList<BotCommandInfo> ForChat(long chatId, string? userLanguage)
    {
        var language = userLanguage?.Split('-')[0].ToLowerInvariant() ?? "";
        var chat = new CommandScope("chat", chatId);
        return First([(chat, language), (chat, ""), (CommandScope.AllPrivateChats, language), (CommandScope.AllPrivateChats, ""),
            (CommandScope.Default, language), (CommandScope.Default, "")]);
    }

    private IReadOnlyList<BotCommandInfo> First(IEnumerable<(CommandScope Scope, string? Language)> order) =>
        order.Select(o => Get(o.Scope, o.Language)).FirstOrDefault(menu => menu.Count > 0) ?? [];
}
