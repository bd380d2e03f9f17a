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
            FileWire.KindOf(wire) is null ? null : rawCaption,
            DateTimeOffset.FromUnixTimeSeconds(wire.Date),
            wire.EditDate is { } edited ? DateTimeOffset.FromUnixTimeSeconds(edited) : null)
        {
            ReplyToMessageId = wire.ReplyToMessage?.MessageId,
            DocumentMimeType = wire.Document?.MimeType,
            Photo = wire.Photo is [.., var largest] ? new ImageSize(largest.Width, largest.Height) : null,
            Audio = wire.Audio is { } audio ? new AudioInfo(audio.Duration, audio.Title, audio.Performer, audio.FileName, audio.MimeType) : null,
            Voice = wire.Voice is { } voice ? new VoiceInfo(voice.Duration, voice.MimeType) : null,
            Video = wire.Video is { } video ? new VideoInfo(video.Width, video.Height, video.Duration, video.MimeType) : null,
            Sticker = wire.Sticker is { } sticker ? new StickerInfo(sticker.Width, sticker.Height, sticker.Emoji) : null,
            Location = wire.Location is { } location ? new LocationInfo(location.Latitude, location.Longitude) : null,
            MediaGroupId = wire.MediaGroupId,
        };
        return new StoredMessage(view, wire);
    }

    /// <summary>The bot's message with the reply keyboard it sets or removes, if any.</summary>
    public static StoredMessage WithReplyKeys(StoredMessage message, Methods.ReplyKeys? keys) => keys is null
        ? message
        : message with { View = message.View with { ReplyKeyboard = keys.Rows, RemovesReplyKeyboard = keys.Rows is null } };

    /// <summary>The message as quoted inside another one (reply_to_message never nests further).</summary>
    public static WireMessage Quoted(WireMessage message) => message with { ReplyToMessage = null };
}
