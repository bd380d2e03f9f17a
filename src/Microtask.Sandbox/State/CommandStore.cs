using System.Collections.Concurrent;

namespace Microtask.Sandbox.State;

/// <summary>Command menus by scope type and language, as setMyCommands left them.</summary>
internal sealed class CommandStore
{
    private readonly ConcurrentDictionary<(string Scope, string Language), IReadOnlyList<BotCommandInfo>> _menus = new();

    public void Set(string scope, string? language, IReadOnlyList<BotCommandInfo> commands)
    {
        if (commands.Count == 0) _menus.TryRemove((scope, language ?? ""), out _);
        else _menus[(scope, language ?? "")] = commands;
    }

    public IReadOnlyList<BotCommandInfo> Get(string scope, string? language) =>
        _menus.GetValueOrDefault((scope, language ?? "")) ?? [];

    /// <summary>What a user in a private chat sees for exactly this language: the private-chats menu, else the default one.</summary>
    public IReadOnlyList<BotCommandInfo> ForPrivateChats(string? language) =>
        Get("all_private_chats", language) is { Count: > 0 } menu ? menu : Get("default", language);
}
