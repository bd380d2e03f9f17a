using System.Buffers.Binary;

namespace Microtask.Sandbox.State;

/// <summary>
/// What an image file is, read from its own bytes, never from its name or declared type: PNG, JPEG, GIF
/// and WebP, the formats Telegram shows as photos and a browser draws without running anything.
/// </summary>
internal sealed record ImageFormat(string MimeType, int Width, int Height)
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegStart => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> Vp8StartCode => [0x9D, 0x01, 0x2A];

    public static ImageFormat? Of(ReadOnlySpan<byte> file)
    {
        try
        {
            return Png(file) ?? Gif(file) ?? Jpeg(file) ?? WebP(file);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // a header cut short
        }
    }

    private static ImageFormat? Png(ReadOnlySpan<byte> f) =>
        f.StartsWith(PngSignature) && f[12..16].SequenceEqual("IHDR"u8)
            ? Sized("image/png", BinaryPrimitives.ReadInt32BigEndian(f[16..]), BinaryPrimitives.ReadInt32BigEndian(f[20..]))
            : null;

    private static ImageFormat? Gif(ReadOnlySpan<byte> f) =>
        f.StartsWith("GIF87a"u8) || f.StartsWith("GIF89a"u8)
            ? Sized("image/gif", BinaryPrimitives.ReadUInt16LittleEndian(f[6..]), BinaryPrimitives.ReadUInt16LittleEndian(f[8..]))
            : null;

    /// <summary>Walks the segments to the first start-of-frame marker, which holds the size.</summary>
    private static ImageFormat? Jpeg(ReadOnlySpan<byte> f)
    {
        if (!f.StartsWith(JpegStart)) return null;
        var at = 2;
        while (at + 9 < f.Length)
        {
            if (f[at] != 0xFF) return null;
            var marker = f[at + 1];
            if (marker == 0xFF) { at++; continue; } // fill byte
            if (marker is >= 0xD0 and <= 0xD9 or 0x01) { at += 2; continue; } // markers without a length
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
                return Sized("image/jpeg", BinaryPrimitives.ReadUInt16BigEndian(f[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(f[(at + 5)..]));
            at += 2 + BinaryPrimitives.ReadUInt16BigEndian(f[(at + 2)..]);
        }
        return null;
    }

    private static ImageFormat? WebP(ReadOnlySpan<byte> f)
    {
        if (!f.StartsWith("RIFF"u8) || !f[8..12].SequenceEqual("WEBP"u8)) return null;
        var chunk = f[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
            return Sized("image/webp", 1 + (f[24] | f[25] << 8 | f[26] << 16), 1 + (f[27] | f[28] << 8 | f[29] << 16));
        if (chunk.SequenceEqual("VP8 "u8) && f[23..].StartsWith(Vp8StartCode))
            return Sized("image/webp", BinaryPrimitives.ReadUInt16LittleEndian(f[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(f[28..]) & 0x3FFF);
        if (chunk.SequenceEqual("VP8L"u8) && f[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(f[21..]);
            return Sized("image/webp", 1 + (int)(bits & 0x3FFF), 1 + (int)((bits >> 14) & 0x3FFF));
        }
        return null;
    }

    private static ImageFormat? Sized(string mimeType, int width, int height) =>
        width > 0 && height > 0 ? new ImageFormat(mimeType, width, height) : null;
}
