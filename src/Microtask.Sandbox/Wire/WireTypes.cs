using System.Text.Json.Serialization;

namespace Microtask.Sandbox.Wire;

// The subset of Bot API types the emulator speaks; names become snake_case on the wire.

internal sealed record WireUser(
    long Id,
    bool IsBot,
    string FirstName,
    string? Username = null,
    string? LanguageCode = null,
    bool? CanJoinGroups = null,
    bool? CanReadAllGroupMessages = null,
    bool? SupportsInlineQueries = null);

internal sealed record WireChat(long Id, string Type, string? FirstName, string? Username);

internal sealed record WireEntity(string Type, int Offset, int Length, string? Url = null, string? Language = null, string? CustomEmojiId = null);

internal sealed record WireButton(string Text, string? CallbackData = null, string? Url = null);

internal sealed record WireKeyboard(IReadOnlyList<IReadOnlyList<WireButton>> InlineKeyboard);

internal sealed record WireDocument(string FileId, string FileUniqueId, string? FileName, string? MimeType, long FileSize);

internal sealed record WirePhotoSize(string FileId, string FileUniqueId, int Width, int Height, long FileSize);

internal sealed record WireFile(string FileId, string FileUniqueId, long FileSize, string? FilePath);

internal sealed record WireAudio(string FileId, string FileUniqueId, int Duration, string? Performer, string? Title, string? FileName, string? MimeType, long FileSize);

internal sealed record WireVoice(string FileId, string FileUniqueId, int Duration, string? MimeType, long FileSize);

internal sealed record WireVideo(string FileId, string FileUniqueId, int Width, int Height, int Duration, string? FileName, string? MimeType, long FileSize);

internal sealed record WireSticker(string FileId, string FileUniqueId, string Type, int Width, int Height, bool IsAnimated, bool IsVideo, string? Emoji, long FileSize);

internal sealed record WireLocation(double Latitude, double Longitude, double? HorizontalAccuracy = null);

internal sealed record WireMessage
{
    public required long MessageId { get; init; }
    public WireUser? From { get; init; }
    public required WireChat Chat { get; init; }
    public required long Date { get; init; }
    public long? EditDate { get; init; }
    public WireMessage? ReplyToMessage { get; init; }
    public string? MediaGroupId { get; init; }
    public string? Text { get; init; }
    public IReadOnlyList<WireEntity>? Entities { get; init; }
    public WireDocument? Document { get; init; }
    public IReadOnlyList<WirePhotoSize>? Photo { get; init; }
    public WireAudio? Audio { get; init; }
    public WireVoice? Voice { get; init; }
    public WireVideo? Video { get; init; }
    public WireSticker? Sticker { get; init; }
    public WireLocation? Location { get; init; }
    public string? Caption { get; init; }
    public IReadOnlyList<WireEntity>? CaptionEntities { get; init; }
    public WireKeyboard? ReplyMarkup { get; init; }
}

internal sealed record WireCallbackQuery(string Id, WireUser From, WireMessage? Message, string ChatInstance, string? Data);

internal sealed record WireUpdate
{
    public long UpdateId { get; init; }
    public WireMessage? Message { get; init; }
    public WireCallbackQuery? CallbackQuery { get; init; }
}

internal sealed record WireBotCommand(string Command, string Description);

internal sealed record WireWebhookInfo
{
    public required string Url { get; init; }
    public bool HasCustomCertificate { get; init; }
    public int PendingUpdateCount { get; init; }
    public long? LastErrorDate { get; init; }
    public string? LastErrorMessage { get; init; }
    public int? MaxConnections { get; init; }
    public IReadOnlyList<string>? AllowedUpdates { get; init; }
}

internal sealed record WireResponseParameters(int? RetryAfter);

internal sealed record WireError(
    bool Ok,
    int ErrorCode,
    string Description,
    [property: JsonPropertyName("parameters")] WireResponseParameters? Parameters);
