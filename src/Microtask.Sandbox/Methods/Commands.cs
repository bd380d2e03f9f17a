using System.Text.Json;
using System.Text.RegularExpressions;
using Microtask.Sandbox.Api;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.Methods;

/// <summary>setMyCommands, getMyCommands and deleteMyCommands, per scope type and language.</summary>
internal static partial class Commands
{
    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex CommandName();

    public static ValueTask<object> Set(MethodContext c)
    {
        if (!c.Args.Has("commands")) throw BotApiException.Empty("commands");
        var commands = c.Args.Json<List<WireBotCommand>>("commands", "commands") ?? [];
        if (commands.Count > 100) throw BotApiException.BadRequest("too many commands specified");
        foreach (var command in commands)
        {
            if (command.Command is null || !CommandName().IsMatch(command.Command)) throw BotApiException.BadRequest("BOT_COMMAND_INVALID");
            if (string.IsNullOrWhiteSpace(command.Description) || command.Description.Length > 256)
                throw BotApiException.BadRequest("command description is empty or too long");
        }
        c.State.Commands.Set(Scope(c.Args), c.Args.String("language_code"),
            commands.Select(x => new BotCommandInfo(x.Command, x.Description)).ToArray());
        return ValueTask.FromResult<object>(true);
    }

    public static ValueTask<object> Get(MethodContext c) =>
        ValueTask.FromResult<object>(c.State.Commands.Get(Scope(c.Args), c.Args.String("language_code"))
            .Select(x => new WireBotCommand(x.Command, x.Description)).ToArray());

    public static ValueTask<object> Delete(MethodContext c)
    {
        c.State.Commands.Set(Scope(c.Args), c.Args.String("language_code"), []);
        return ValueTask.FromResult<object>(true);
    }

    private static string Scope(ApiArgs args) =>
        args.JsonValue("scope", "scope") is { ValueKind: JsonValueKind.Object } scope
        && scope.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()!
            : "default";
}
