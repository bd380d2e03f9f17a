using Microtask.Core;

namespace Microtask.Batches;

/// <summary>What a file is by its bytes: its name for people, its MIME type, and the media kinds Telegram takes it as.</summary>
internal sealed record MediaContent(string Name, string ContentType, params MediaKind[] Fits)
{
    /// <summary>An archive: a ZIP inside the ZIP, which refuses the whole upload.</summary>
    public bool IsArchive => Fits.Length == 0 && ContentType.StartsWith("application/", StringComparison.Ordinal);
}

/// <summary>
/// Tells a media file by its content, never by its name. Images: JPEG, PNG, GIF, WebP. Audio: MP3, M4A (AAC in MP4),
/// Ogg (Opus or Vorbis), WAV, FLAC. Voice: Ogg Opus, MP3 and M4A, which Telegram's sendVoice takes. Video: MP4, MOV
/// and WebM with a video track. MP4 and WebM are told apart from their audio-only cousins by their tracks.
/// </summary>
internal static class MediaSniffer
{
    private static readonly MediaContent Jpeg = new("JPEG image", "image/jpeg", MediaKind.Image);
    private static readonly MediaContent Png = new("PNG image", "image/png", MediaKind.Image);
    private static readonly MediaContent Gif = new("GIF image", "image/gif", MediaKind.Image);
    private static readonly MediaContent Webp = new("WebP image", "image/webp", MediaKind.Image);
    private static readonly MediaContent Mp3 = new("MP3 audio", "audio/mpeg", MediaKind.Audio, MediaKind.Voice);
    private static readonly MediaContent M4a = new("M4A audio", "audio/mp4", MediaKind.Audio, MediaKind.Voice);
    private static readonly MediaContent Opus = new("Ogg Opus audio", "audio/ogg", MediaKind.Audio, MediaKind.Voice);
    private static readonly MediaContent Vorbis = new("Ogg Vorbis audio", "audio/ogg", MediaKind.Audio);
    private static readonly MediaContent Wav = new("WAV audio", "audio/wav", MediaKind.Audio);
    private static readonly MediaContent Flac = new("FLAC audio", "audio/flac", MediaKind.Audio);
    private static readonly MediaContent Mp4 = new("MP4 video", "video/mp4", MediaKind.Video);
    private static readonly MediaContent Mov = new("QuickTime video", "video/quicktime", MediaKind.Video);
    private static readonly MediaContent Webm = new("WebM video", "video/webm", MediaKind.Video);

    private static readonly (byte[] Magic, MediaContent Archive)[] Archives =
    [
        ([(byte)'P', (byte)'K', 3, 4], new("ZIP archive", "application/zip")),
        ([(byte)'P', (byte)'K', 5, 6], new("ZIP archive", "application/zip")),
        ("Rar!"u8.ToArray(), new("RAR archive", "application/vnd.rar")),
        ([(byte)'7', (byte)'z', 0xBC, 0xAF], new("7-Zip archive", "application/x-7z-compressed")),
        ([0x1F, 0x8B], new("gzip archive", "application/gzip")),
    ];

    /// <summary>The content's format, or null when it is none of the media above (nor an archive).</summary>
    public static MediaContent? Detect(ReadOnlySpan<byte> data)
    {
        foreach (var (magic, archive) in Archives)
        {
            if (data.StartsWith(magic))
            {
                return archive;
            }
        }

        return data switch
        {
            [0xFF, 0xD8, 0xFF, ..] => Jpeg,
            [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Png,
            [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => Gif,
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => Webp,
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'A', (byte)'V', (byte)'E', ..] => Wav,
            [(byte)'f', (byte)'L', (byte)'a', (byte)'C', ..] => Flac,
            [(byte)'O', (byte)'g', (byte)'g', (byte)'S', ..] => Ogg(data),
            [(byte)'I', (byte)'D', (byte)'3', ..] => Mp3,
            [0x1A, 0x45, 0xDF, 0xA3, ..] => Ebml.HasVideoTrack(data) ? Webm : null,
            _ when IsMpegAudioFrame(data) => Mp3,
            _ => IsoMedia(data),
        };
    }

    /// <summary>The codec is named by the first packet, which starts right after the first page's segment table.</summary>
    private static MediaContent? Ogg(ReadOnlySpan<byte> data)
    {
        if (data.Length < 27 || data.Length < 27 + data[26])
        {
            return null;
        }

        var packet = data[(27 + data[26])..];
        return packet.StartsWith("OpusHead"u8) ? Opus
            : packet.StartsWith("\u0001vorbis"u8) ? Vorbis
            : null;
    }

    /// <summary>An MPEG-1/2/2.5 Layer III frame header: 11 sync bits, a known version, a real bitrate and sample rate.</summary>
    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && data[0] == 0xFF && (data[1] & 0xE0) == 0xE0
        && (data[1] >> 3 & 3) != 1 && (data[1] >> 1 & 3) == 1
        && (data[2] >> 4) is not (0 or 15) && (data[2] >> 2 & 3) != 3;

    /// <summary>
    /// MP4, M4A and MOV share one box structure: a video track (handler <c>vide</c>) makes it a video, sound alone
    /// (<c>soun</c>) an audio file. QuickTime files say so by their brand, or by having no <c>ftyp</c> box at all.
    /// </summary>
    private static MediaContent? IsoMedia(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8 || !IsoBoxes.IsTopLevelStart(data[4..8]))
        {
            return null;
        }

        var quickTime = !data[4..8].SequenceEqual("ftyp"u8) || (data.Length >= 12 && data[8..12].SequenceEqual("qt  "u8));
        var handlers = IsoBoxes.TrackHandlers(data);
        return handlers.Contains("vide") ? (quickTime ? Mov : Mp4)
            : handlers.Contains("soun") && !quickTime ? M4a
            : null;
    }
}
