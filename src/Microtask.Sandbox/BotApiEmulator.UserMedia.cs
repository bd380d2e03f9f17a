using Microtask.Sandbox.Methods;
using Microtask.Sandbox.State;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox;

// What a user sends besides text: the files Telegram's apps send, and a place on the map. Each returns the update_id;
// a reply names one of the chat's messages. A length or size left out is read from the file's headers where cheap.
public sealed partial class BotApiEmulator
{
    /// <summary>A photo: PNG, JPEG, GIF or WebP bytes, kept as they are (Telegram's apps would send a JPEG).</summary>
    public long SendPhoto(long userId, byte[] image, string? caption = null, long? replyToMessageId = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var format = ImageFormat.Of(image) ?? throw new ArgumentException("A photo must be a PNG, JPEG, GIF or WebP image.", nameof(image));
        return SendFile(userId, "photo" + FileStore.ExtensionOf(format), null, image, FileKind.Photo, MediaMeta.None, caption, replyToMessageId);
    }

    /// <summary>A voice note of any bytes; its type is what they are (audio/ogg unless they say otherwise).</summary>
    public long SendVoice(long userId, byte[] content, int? durationSeconds = null, string? caption = null, long? replyToMessageId = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(durationSeconds ?? 0, nameof(durationSeconds));
        var name = "voice" + (MediaFormat.Of(content)?.Extension ?? ".ogg");
        return SendFile(userId, name, null, content, FileKind.Voice, MediaMeta.Of(FileKind.Voice, content, durationSeconds), caption, replyToMessageId);
    }

    /// <summary>A music file, with the title and performer its tags would give.</summary>
    public long SendAudio(long userId, string fileName, byte[] content, int? durationSeconds = null, string? title = null, string? performer = null,
        string? caption = null, long? replyToMessageId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(durationSeconds ?? 0, nameof(durationSeconds));
        var media = MediaMeta.Of(FileKind.Audio, content, durationSeconds, title: title, performer: performer);
        return SendFile(userId, fileName, null, content, FileKind.Audio, media, caption, replyToMessageId);
    }

    /// <summary>A video; size and length left out are read from an MP4's headers.</summary>
    public long SendVideo(long userId, byte[] content, int? durationSeconds = null, int? width = null, int? height = null, string? caption = null,
        long? replyToMessageId = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(durationSeconds ?? 0, nameof(durationSeconds));
        var name = "video" + (MediaFormat.Of(content)?.Extension ?? ".mp4");
        var media = MediaMeta.Of(FileKind.Video, content, durationSeconds, width, height);
        return SendFile(userId, name, null, content, FileKind.Video, media, caption, replyToMessageId);
    }

    /// <summary>A sticker: a WebP image (a still one), a WebM (a video sticker) or anything else (an animated one), 512 px unless a WebP says.</summary>
    public long SendSticker(long userId, byte[] content, string? emoji = "👍", long? replyToMessageId = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var extension = ImageFormat.Of(content) is { } image ? FileStore.ExtensionOf(image) : MediaFormat.Of(content)?.Extension ?? ".tgs";
        var media = MediaMeta.Of(FileKind.Sticker, content, emoji: emoji);
        return SendFile(userId, "sticker" + extension, null, content, FileKind.Sticker, media, null, replyToMessageId);
    }

    /// <summary>A place on the map: latitude −90 to 90, longitude −180 to 180.</summary>
    public long SendLocation(long userId, double latitude, double longitude, long? replyToMessageId = null)
    {
        if (latitude is not (>= -90 and <= 90)) throw new ArgumentOutOfRangeException(nameof(latitude), latitude, "A latitude is between -90 and 90.");
        if (longitude is not (>= -180 and <= 180)) throw new ArgumentOutOfRangeException(nameof(longitude), longitude, "A longitude is between -180 and 180.");
        var replyTo = ReplyTarget(userId, replyToMessageId);
        return UserMessage(userId, (user, id) => FromUser(user, id, replyTo) with { Location = new WireLocation(latitude, longitude) }, null, null);
    }

    private long SendFile(long userId, string fileName, string? mimeType, byte[] content, FileKind kind, MediaMeta media, string? caption, long? replyToMessageId)
    {
        if (caption?.Length > TextRules.MaxCaptionLength)
            throw new ArgumentException($"A caption is at most {TextRules.MaxCaptionLength} characters.", nameof(caption));
        var replyTo = ReplyTarget(userId, replyToMessageId);
        var file = this.state.Files.Add(fileName, mimeType, content, kind, media);
        return UserMessage(userId, (user, id) => FileWire.Attach(FromUser(user, id, replyTo) with { Caption = caption }, file, kind), null, caption);
    }

    private WireMessage FromUser(SandboxUser user, long id, WireMessage? replyTo) => new()
    {
        MessageId = id,
        From = MessageFactory.ToWire(user),
        Chat = MessageFactory.ChatOf(user),
        Date = this.state.Now.ToUnixTimeSeconds(),
        ReplyToMessage = replyTo is null ? null : MessageFactory.Quoted(replyTo),
    };
}
