using System.Text;
using System.Text.Json;
using Microtask.Sandbox.Api;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.Methods;

/// <summary>A reply keyboard sent with a message: its rows, or null for the removal of the one shown.</summary>
internal sealed record ReplyKeys(IReadOnlyList<IReadOnlyList<ReplyButton>>? Rows);

/// <summary>Telegram's limits on texts, captions, files and inline keyboards (see the Bot API docs' prose).</summary>
internal static class TextRules
{
    public const int MaxTextLength = 4096;
    public const int MaxCaptionLength = 1024;
    public const int MaxCallbackAnswerLength = 200;
    public const int MaxCallbackDataBytes = 64;
    public const long MaxUploadBytes = 50L * 1024 * 1024;
    public const long MaxDownloadBytes = 20L * 1024 * 1024;
    public const long MaxPhotoBytes = 10L * 1024 * 1024;
    public const int MaxPhotoWidthPlusHeight = 10_000;
    public const int MaxPhotoAspectRatio = 20;

    /// <summary>text + parse_mode of sendMessage / editMessageText; length counts after entity parsing.</summary>
    public static ParsedText MessageText(ApiArgs args)
    {
        var text = args.RequireString("text", "message text");
        var parsed = Parse(text, args.String("parse_mode"));
        if (string.IsNullOrWhiteSpace(parsed.Plain)) throw BotApiException.Empty("message text");
        if (parsed.Plain.Length > MaxTextLength) throw BotApiException.BadRequest("message is too long");
        return parsed;
    }

    /// <param name="tooLong">
    /// Telegram's words for a caption over the limit: the Bot API's own when a message is sent; the server's
    /// (MEDIA_CAPTION_TOO_LONG) when an edit reaches it unchecked.
    /// </param>
    public static ParsedText? Caption(ApiArgs args, string tooLong = "message caption is too long")
    {
        var caption = args.String("caption");
        if (string.IsNullOrEmpty(caption)) return null;
        var parsed = Parse(caption, args.String("parse_mode"));
        return parsed.Plain.Length > MaxCaptionLength ? throw BotApiException.BadRequest(tooLong) : parsed;
    }

    public static ParsedText Parse(string text, string? parseMode) => parseMode?.ToUpperInvariant() switch
    {
        null or "" => new ParsedText(text, []),
        "HTML" => HtmlEntities.Parse(text),
        // Accepted but not checked: the bots this sandbox serves use HTML.
        "MARKDOWN" or "MARKDOWNV2" => new ParsedText(text, []),
        _ => throw BotApiException.BadRequest("unsupported parse_mode"),
    };

    /// <summary>
    /// reply_markup: an inline keyboard is validated and kept; a reply keyboard or its removal is
    /// <see cref="ReplyKeyboard"/>'s.
    /// </summary>
    public static WireKeyboard? Keyboard(ApiArgs args)
    {
        if (args.JsonValue("reply_markup", "reply keyboard markup") is not { ValueKind: JsonValueKind.Object } markup) return null;
        if (!markup.TryGetProperty("inline_keyboard", out var rows)) return null;
        if (rows.ValueKind != JsonValueKind.Array) throw BotApiException.BadRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
        var keyboard = new List<IReadOnlyList<WireButton>>();
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array) throw BotApiException.BadRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
            keyboard.Add(row.EnumerateArray().Select(Button).ToArray());
        }
        return new WireKeyboard(keyboard);
    }

    /// <summary>
    /// reply_markup as a reply keyboard: its rows of buttons (each a string or an object with text and an optional
    /// request_location), or, for remove_keyboard, the removal (<see cref="ReplyKeys.Rows"/> null); null for none or an
    /// inline keyboard.
    /// </summary>
    public static ReplyKeys? ReplyKeyboard(ApiArgs args)
    {
        if (args.JsonValue("reply_markup", "reply keyboard markup") is not { ValueKind: JsonValueKind.Object } markup) return null;
        if (markup.TryGetProperty("remove_keyboard", out var remove))
            return remove.ValueKind == JsonValueKind.True ? new ReplyKeys(null) : throw BotApiException.BadRequest("can't parse reply keyboard markup: remove_keyboard must be true");
        if (!markup.TryGetProperty("keyboard", out var rows)) return null;
        if (rows.ValueKind != JsonValueKind.Array) throw BotApiException.BadRequest("can't parse reply keyboard markup JSON object: Field \"keyboard\" must be of type Array");
        var keyboard = new List<IReadOnlyList<ReplyButton>>();
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array) throw BotApiException.BadRequest("can't parse keyboard button: KeyboardButton must be a String or an Object");
            keyboard.Add(row.EnumerateArray().Select(KeyboardButton).ToArray());
        }
        if (keyboard.All(row => row.Count == 0)) throw BotApiException.BadRequest("keyboard must be non-empty");
        return new ReplyKeys(keyboard);
    }

    private static ReplyButton KeyboardButton(JsonElement button)
    {
        var (text, location) = button.ValueKind switch
        {
            JsonValueKind.String => (button.GetString(), false),
            JsonValueKind.Object => (StringField(button, "text"), button.TryGetProperty("request_location", out var asks) && asks.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw BotApiException.BadRequest("can't parse keyboard button: Field \"request_location\" must be of type Boolean"),
            }),
            _ => throw BotApiException.BadRequest("can't parse keyboard button: KeyboardButton must be a String or an Object"),
        };
        if (string.IsNullOrEmpty(text)) throw BotApiException.BadRequest("can't parse keyboard button: Text must be non-empty");
        return new ReplyButton(text, location);
    }

    private static WireButton Button(JsonElement button)
    {
        if (button.ValueKind != JsonValueKind.Object) throw BotApiException.BadRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
        var text = StringField(button, "text");
        if (string.IsNullOrEmpty(text)) throw BotApiException.BadRequest("can't parse inline keyboard button: Text must be non-empty");
        var data = StringField(button, "callback_data");
        var url = StringField(button, "url");
        if (data is not null && (data.Length == 0 || Encoding.UTF8.GetByteCount(data) > MaxCallbackDataBytes))
            throw BotApiException.BadRequest("BUTTON_DATA_INVALID");
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _))
            throw BotApiException.BadRequest("BUTTON_URL_INVALID");
        var hasOtherAction = button.EnumerateObject().Any(p => p.Name is not ("text" or "callback_data" or "url"));
        if (data is null && url is null && !hasOtherAction)
            throw BotApiException.BadRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
        return new WireButton(text, data, url);
    }

    private static string? StringField(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Same visible content: text and entities, and the keyboard.</summary>
    public static bool SameContent(string? textA, IReadOnlyList<WireEntity>? entitiesA, WireKeyboard? keyboardA,
        string? textB, IReadOnlyList<WireEntity>? entitiesB, WireKeyboard? keyboardB) =>
        textA == textB
        && (entitiesA ?? []).SequenceEqual(entitiesB ?? [])
        && WireJson.Serialize(keyboardA) == WireJson.Serialize(keyboardB);
}
