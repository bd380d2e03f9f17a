using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microtask.Sandbox.Api;
using Microtask.Sandbox.State;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.Methods;

/// <summary>setMyCommands, getMyCommands and deleteMyCommands, per scope and language, checked in Telegram's words.</summary>
internal static partial class Commands
{
    private const int MaxCommandLength = 32;
    private const int MaxDescriptionLength = 256;

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex CommandName();

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();

    public static ValueTask<object> Set(MethodContext c)
    {
        if (!c.Args.Has("commands")) throw BotApiException.Empty("commands");
        var commands = c.Args.Json<List<WireBotCommand>>("commands", "commands") ?? [];
        var (scope, language) = Target(c);
        if (commands.Count > 100) throw BotApiException.BadRequest("too many commands specified");
        c.State.Commands.Set(scope, language, commands.Select(Checked).ToArray());
        return ValueTask.FromResult<object>(true);
    }

    public static ValueTask<object> Get(MethodContext c)
    {
        var (scope, language) = Target(c);
        return ValueTask.FromResult<object>(c.State.Commands.Get(scope, language).Select(x => new WireBotCommand(x.Command, x.Description)).ToArray());
    }

    public static ValueTask<object> Delete(MethodContext c)
    {
        var (scope, language) = Target(c);
        c.State.Commands.Set(scope, language, []);
        return ValueTask.FromResult<object>(true);
    }

    /// <summary>Trimmed, without a leading slash, then checked, as Telegram does.</summary>
    private static BotCommandInfo Checked(WireBotCommand command)
    {
        var name = (command.Command ?? "").Trim();
        if (name.StartsWith('/')) name = name[1..];
        var description = (command.Description ?? "").Trim();
        if (name.Length == 0) throw BotApiException.BadRequest("command must be non-empty");
        if (name.Length > MaxCommandLength) throw BotApiException.BadRequest($"command length must not exceed {MaxCommandLength}");
        if (description.Length == 0) throw BotApiException.BadRequest("command description must be non-empty");
        if (description.Length > MaxDescriptionLength) throw BotApiException.BadRequest($"command description length must not exceed {MaxDescriptionLength}");
        if (!CommandName().IsMatch(name)) throw BotApiException.BadRequest("BOT_COMMAND_INVALID");
        return new BotCommandInfo(name, description);
    }

    private static (CommandScope Scope, string Language) Target(MethodContext c)
    {
        var scope = Scope(c);
        var language = c.Args.String("language_code") ?? "";
        if (language.Length > 0 && !LanguageCode().IsMatch(language)) throw BotApiException.BadRequest("invalid language code specified");
        return (scope, language);
    }

    private static CommandScope Scope(MethodContext c)
    {
        if (c.Args.JsonValue("scope", "BotCommandScope") is not { } scope) return CommandScope.Default;
        if (scope.ValueKind != JsonValueKind.Object) throw Unparsable("BotCommandScope must be an Object");
        var type = Field(scope, "type");
        if (type is "default" or "all_private_chats" or "all_group_chats" or "all_chat_administrators") return new CommandScope(type);
        if (type is not ("chat" or "chat_administrators" or "chat_member")) throw Unparsable("Unsupported type specified");
        var chatText = Field(scope, "chat_id");
        if (chatText.Length == 0) throw Unparsable("Empty chat_id specified");
        if (type == "chat_member")
        {
            var userText = Field(scope, "user_id", "Number");
            if (!long.TryParse(userText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var userId) || userId <= 0)
                throw Unparsable("Invalid user_id specified");
        }
        // The sandbox knows no @usernames and no groups: any other chat is unknown to the bot.
        if (!long.TryParse(chatText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId)) throw BotApiException.BadRequest("chat not found");
        c.State.Chats.ForBot(chatId);
        return type == "chat" ? new CommandScope(type, chatId) : throw BotApiException.BadRequest("can't use specified scope in private chats");
    }

    /// <summary>A required string (or number) field of the scope object.</summary>
    private static string Field(JsonElement scope, string name, string kind = "String")
    {
        if (!scope.TryGetProperty(name, out var value)) throw Unparsable($"Can't find field \"{name}\"");
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            _ => throw Unparsable($"Field \"{name}\" must be of type {kind}"),
        };
    }

    private static BotApiException Unparsable(string why) => BotApiException.BadRequest("can't parse BotCommandScope: " + why);
}
