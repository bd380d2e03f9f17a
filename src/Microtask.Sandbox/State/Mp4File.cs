using System.Buffers.Binary;

namespace Microtask.Sandbox.State;

/// <summary>
/// The ISO base media boxes of an MP4 or M4A: the length from moov/mvhd (duration over time scale), and the picture
/// size from the first track header that has one, which also tells a video from a sound.
/// </summary>
internal static class Mp4File
{
    public static MediaFormat Read(ReadOnlySpan<byte> file)
    {
        var moov = Child(file, "moov"u8);
        var header = Child(moov, "mvhd"u8);
        var seconds = 0.0;
        if (header.Length > 0)
        {
            var (scale, duration) = header[0] == 1
                ? (BinaryPrimitives.ReadUInt32BigEndian(header[20..]), (double)BinaryPrimitives.ReadUInt64BigEndian(header[24..]))
                : (BinaryPrimitives.ReadUInt32BigEndian(header[12..]), BinaryPrimitives.ReadUInt32BigEndian(header[16..]));
            seconds = scale > 0 ? duration / scale : 0;
        }
        var (width, height) = PictureSize(moov);
        return width > 0 && height > 0
            ? new MediaFormat("video/mp4", ".mp4", true, MediaFormat.Seconds(seconds), width, height)
            : new MediaFormat("audio/mp4", ".m4a", false, MediaFormat.Seconds(seconds));
    }

    /// <summary>Each trak's tkhd ends with its width and height in 16.16 fixed point; sound tracks say 0.</summary>
    private static (int Width, int Height) PictureSize(ReadOnlySpan<byte> moov)
    {
        for (var at = 0; Next(moov, ref at, out var type, out var content);)
        {
            if (!type.SequenceEqual("trak"u8)) continue;
            var track = Child(content, "tkhd"u8);
            if (track.Length < 8) continue;
            var width = (int)(BinaryPrimitives.ReadUInt32BigEndian(track[^8..]) >> 16);
            var height = (int)(BinaryPrimitives.ReadUInt32BigEndian(track[^4..]) >> 16);
            if (width > 0 && height > 0) return (width, height);
        }
        return (0, 0);
    }

    /// <summary>The content of the first box of this type among the boxes laid end to end in <paramref name="boxes"/>; empty when none.</summary>
    private static ReadOnlySpan<byte> Child(ReadOnlySpan<byte> boxes, ReadOnlySpan<byte> wanted)
    {
        for (var at = 0; Next(boxes, ref at, out var type, out var content);)
            if (type.SequenceEqual(wanted)) return content;
        return [];
    }

    /// <summary>Reads the box at <paramref name="at"/> and moves past it; false at the end or at a box that runs past it.</summary>
    private static bool Next(ReadOnlySpan<byte> boxes, scoped ref int at, out ReadOnlySpan<byte> type, out ReadOnlySpan<byte> content)
    {
        type = content = [];
        if (at + 8 > boxes.Length) return false;
        long size = BinaryPrimitives.ReadUInt32BigEndian(boxes[at..]);
        var headerSize = 8;
        if (size == 1)
        {
            size = (long)BinaryPrimitives.ReadUInt64BigEndian(boxes[(at + 8)..]);
            headerSize = 16;
        }
        else if (size == 0)
        {
            size = boxes.Length - at; // to the end of the file
        }
        if (size < headerSize || at + size > boxes.Length) return false;
        type = boxes.Slice(at + 4, 4);
        content = boxes.Slice(at + headerSize, (int)size - headerSize);
        at += (int)size;
        return true;
    }
}
