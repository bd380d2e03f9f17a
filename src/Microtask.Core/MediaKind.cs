namespace Microtask.Core;

/// <summary>What a media field of a template sends: a photo, an audio track, a voice note or a video.</summary>
public enum MediaKind
{
    Image,
    Audio,
    Voice,
    Video,
}

/// <summary>How a template spells each kind, and Telegram's size limit for a file a bot uploads as that kind.</summary>
public static class MediaKinds
{
    /// <summary>sendPhoto takes a photo of at most 10 MB.</summary>
    public const long MaxPhotoBytes = 10L * 1024 * 1024;

    /// <summary>Any other file a bot uploads (audio, voice, video) may be up to 50 MB.</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    public static IReadOnlyList<MediaKind> All { get; } = [MediaKind.Image, MediaKind.Audio, MediaKind.Voice, MediaKind.Video];

    public static long MaxBytes(this MediaKind kind) => kind == MediaKind.Image ? MaxPhotoBytes : MaxFileBytes;

    /// <summary>The word a template uses for the kind: <c>image</c>, <c>audio</c>, <c>voice</c>, <c>video</c>.</summary>
    public static string Name(this MediaKind kind) => kind switch
    {
        MediaKind.Image => "image",
        MediaKind.Audio => "audio",
        MediaKind.Voice => "voice",
        _ => "video",
    };

    /// <summary>The kind a template's word names, compared without case.</summary>
    public static MediaKind? Parse(string name)
    {
        foreach (var kind in All)
        {
            if (string.Equals(kind.Name(), name, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return null;
    }
}
