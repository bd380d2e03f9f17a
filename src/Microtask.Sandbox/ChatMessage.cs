using System.Text.Json.Serialization;
using Microtask.Sandbox.Api;

namespace Microtask.Sandbox;

/// <summary>
/// A message in a chat as it currently stands (after edits). <see cref="Text"/> is as sent, raw HTML
/// when <see cref="ParseMode"/> is HTML; <see cref="PlainText"/> is what the user reads.
/// </summary>
public sealed record ChatMessage(
    long MessageId,
    long ChatId,
    bool FromBot,
    string? Text,
    string? ParseMode,
    IReadOnlyList<IReadOnlyList<InlineButton>> Keyboard,
    string? DocumentFileName,
    string? Caption,
    DateTimeOffset Date,
    DateTimeOffset? EditDate)
{
    /// <summary>The message this one answers (reply_to_message), if any.</summary>
    public long? ReplyToMessageId { get; init; }

    /// <summary>The document's MIME type, as sent or, without one, as its file name suggests.</summary>
    public string? DocumentMimeType { get; init; }

    /// <summary>Set for a photo message (sendPhoto): its size in pixels. <see cref="Caption"/> holds its caption.</summary>
    public ImageSize? Photo { get; init; }

    public AudioInfo? Audio { get; init; }

    public VoiceInfo? Voice { get; init; }

    public VideoInfo? Video { get; init; }

    public StickerInfo? Sticker { get; init; }

    public LocationInfo? Location { get; init; }

    /// <summary>
    /// The reply keyboard this bot message put under the message box (it stays until another message replaces or
    /// removes it); null when the message set none.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<ReplyButton>>? ReplyKeyboard { get; init; }

    /// <summary>True when this bot message took the reply keyboard away (remove_keyboard).</summary>
    public bool RemovesReplyKeyboard { get; init; }

    /// <summary>Shared by the messages of one album (sendMediaGroup); null for a message on its own.</summary>
    public string? MediaGroupId { get; init; }

    /// <summary>Text (or caption) without tags and with HTML entities decoded.</summary>
    public string PlainText => ToPlain(Text ?? Caption);

    /// <summary>Every button of the inline keyboard, row by row.</summary>
    [JsonIgnore]
    public IEnumerable<InlineButton> Buttons => Keyboard.SelectMany(row => row);

    private string ToPlain(string? text) =>
        text is null ? "" : string.Equals(ParseMode, "HTML", StringComparison.OrdinalIgnoreCase) ? HtmlEntities.ToPlainText(text) : text;
}
