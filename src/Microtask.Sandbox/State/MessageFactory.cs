using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.State;

/// <summary>Builds the wire and public forms of a message together, so they never disagree.</summary>
internal static class MessageFactory
{
    public static WireUser ToWire(SandboxUser user) => new(user.Id, false, user.FirstName, user.Username, user.LanguageCode);

    public static WireChat ChatOf(SandboxUser user) => new(user.Id, "private", user.FirstName, user.Username);

    public static IReadOnlyList<IReadOnlyList<InlineButton>> ToButtons(WireKeyboard? keyboard) =>
        keyboard is null
            ? []
            : keyboard.InlineKeyboard.Select(row => (IReadOnlyList<InlineButton>)row.Select(b => new InlineButton(b.Text, b.CallbackData, b.Url)).ToArray()).ToArray();

    public static StoredMessage Create(WireMessage wire, string? rawText, string? parseMode, string? rawCaption, bool fromBot)
    {
        var view = new ChatMessage(
            wire.MessageId,
            wire.Chat.Id,
            fromBot,
            wire.Text is null ? null : rawText,
            parseMode,
            ToButtons(wire.ReplyMarkup),
            wire.Document?.FileName,
            wire.Document is null && wire.Photo is null ? null : rawCaption,
            DateTimeOffset.FromUnixTimeSeconds(wire.Date),
            wire.EditDate is { } edited ? DateTimeOffset.FromUnixTimeSeconds(edited) : null)
        {
            ReplyToMessageId = wire.ReplyToMessage?.MessageId,
            DocumentMimeType = wire.Document?.MimeType,
            Photo = wire.Photo is [.., var largest] ? new ImageSize(largest.Width, largest.Height) : null,
        };
        return new StoredMessage(view, wire);
    }

    /// <summary>The message as quoted inside another one (reply_to_message never nests further).</summary>
    public static WireMessage Quoted(WireMessage message) => message with { ReplyToMessage = null };
}
