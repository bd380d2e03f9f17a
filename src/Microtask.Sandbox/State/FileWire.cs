using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.State;

/// <summary>A stored file as a message carries it: the same ids and size wherever it is sent again.</summary>
internal static class FileWire
{
    /// <summary>The message with this file as its one media of the given kind (a sticker and a photo only as such).</summary>
    public static WireMessage Attach(WireMessage message, StoredFile file, FileKind kind) => kind switch
    {
        FileKind.Photo => message with { Photo = ToPhoto(file) },
        FileKind.Audio => message with { Audio = ToAudio(file) },
        FileKind.Voice => message with { Voice = ToVoice(file) },
        FileKind.Video => message with { Video = ToVideo(file) },
        FileKind.Sticker => message with { Sticker = ToSticker(file) },
        _ => message with { Document = ToDocument(file) },
    };

    /// <summary>The message without any media, before another is attached (editMessageMedia).</summary>
    public static WireMessage Detach(WireMessage message) =>
        message with { Document = null, Photo = null, Audio = null, Voice = null, Video = null, Sticker = null };

    /// <summary>The file of the message's media, by its file_id; null for a message without a file.</summary>
    public static string? FileIdOf(WireMessage message) =>
        message.Document?.FileId ?? message.Photo?[^1].FileId ?? message.Audio?.FileId ?? message.Voice?.FileId
        ?? message.Video?.FileId ?? message.Sticker?.FileId;

    /// <summary>The kind of the message's media; null for a message without a file.</summary>
    public static FileKind? KindOf(WireMessage message) => message switch
    {
        { Photo: not null } => FileKind.Photo,
        { Audio: not null } => FileKind.Audio,
        { Voice: not null } => FileKind.Voice,
        { Video: not null } => FileKind.Video,
        { Sticker: not null } => FileKind.Sticker,
        { Document: not null } => FileKind.Document,
        _ => null,
    };

    public static WireDocument ToDocument(StoredFile file) => new(file.FileId, file.FileUniqueId, file.FileName, file.MimeType, file.Content.LongLength);

    public static WireFile ToFile(StoredFile file) => new(file.FileId, file.FileUniqueId, file.Content.LongLength, file.FilePath);

    /// <summary>Telegram sends a photo in several sizes; the sandbox keeps the one it was given.</summary>
    public static IReadOnlyList<WirePhotoSize>? ToPhoto(StoredFile file) =>
        file.Image is { } image ? [new WirePhotoSize(file.FileId, file.FileUniqueId, image.Width, image.Height, file.Content.LongLength)] : null;

    public static WireAudio ToAudio(StoredFile file) =>
        new(file.FileId, file.FileUniqueId, file.Media.Duration, file.Media.Performer, file.Media.Title, file.FileName, file.MimeType, file.Content.LongLength);

    public static WireVoice ToVoice(StoredFile file) => new(file.FileId, file.FileUniqueId, file.Media.Duration, file.MimeType, file.Content.LongLength);

    public static WireVideo ToVideo(StoredFile file) =>
        new(file.FileId, file.FileUniqueId, file.Media.Width, file.Media.Height, file.Media.Duration, file.FileName, file.MimeType, file.Content.LongLength);

    /// <summary>A WebP is a still sticker, a WebM a video sticker, anything else (gzipped Lottie) an animated one.</summary>
    public static WireSticker ToSticker(StoredFile file) => new(file.FileId, file.FileUniqueId, "regular",
        file.Media.Width, file.Media.Height, IsAnimated: file.Image is null && file.Playable is null, IsVideo: file.Playable is not null,
        file.Media.Emoji, file.Content.LongLength);
}
