using System.Buffers.Binary;
using System.Text;

namespace Microtask.Batches;

/// <summary>
/// The boxes of ISO media (MP4, M4A, MOV): each a 32-bit big-endian size (1: a 64-bit size follows; 0: to the end)
/// and a four-letter type. Only what tells audio from video is read: the handler of each track.
/// </summary>
internal static class IsoBoxes
{
    private static readonly string[] TopLevel = ["ftyp", "moov", "mdat", "wide", "free", "skip", "pnot"];

    /// <summary>Whether a file starts with a box a media file starts with (<c>ftyp</c>, or older QuickTime's others).</summary>
    public static bool IsTopLevelStart(ReadOnlySpan<byte> type) => Array.IndexOf(TopLevel, Encoding.ASCII.GetString(type)) >= 0;

    /// <summary>The handler types (<c>vide</c>, <c>soun</c>, …) of the tracks in the movie box, wherever it is in the file.</summary>
    public static HashSet<string> TrackHandlers(ReadOnlySpan<byte> data)
    {
        var handlers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var moov in Children(data, "moov"u8))
        {
            foreach (var trak in Children(data[moov], "trak"u8))
            {
                foreach (var mdia in Children(data[moov][trak], "mdia"u8))
                {
                    foreach (var hdlr in Children(data[moov][trak][mdia], "hdlr"u8))
                    {
                        // Version and flags (4 bytes), pre_defined (4), then the handler type.
                        if (data[moov][trak][mdia][hdlr] is { Length: >= 12 } payload)
                        {
                            handlers.Add(Encoding.ASCII.GetString(payload[8..12]));
                        }
                    }
                }
            }
        }

        return handlers;
    }

    /// <summary>The payloads of the boxes of <paramref name="type"/> directly inside <paramref name="data"/>; a box cut short ends the list.</summary>
    private static List<Range> Children(ReadOnlySpan<byte> data, ReadOnlySpan<byte> type)
    {
        var found = new List<Range>();
        var at = 0;
        while (data.Length - at >= 8)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(data[at..]);
            var header = 8;
            if (size == 1 && data.Length - at >= 16)
            {
                size = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(data[(at + 8)..]), long.MaxValue);
                header = 16;
            }
            else if (size == 0)
            {
                size = data.Length - at;
            }

            if (size < header)
            {
                break;
            }

            var end = size > data.Length - at ? data.Length : at + (int)size;
            if (data.Slice(at + 4, 4).SequenceEqual(type))
            {
                found.Add((at + header)..end);
            }

            at = end;
        }

        return found;
    }
}

/// <summary>
/// EBML, the structure of WebM: elements with a variable-length id and size. Only the EBML header's document type and
/// the segment's track types are read; tracks come before the first cluster, so reading stops there.
/// </summary>
internal static class Ebml
{
    private const uint Header = 0x1A45DFA3;
    private const uint DocType = 0x4282;
    private const uint Segment = 0x18538067;
    private const uint Tracks = 0x1654AE6B;
    private const uint TrackEntry = 0xAE;
    private const uint TrackType = 0x83;
    private const uint Cluster = 0x1F43B675;
    private const int VideoTrack = 1;

    public static bool HasVideoTrack(ReadOnlySpan<byte> data)
    {
        var at = 0;
        if (!Next(data, ref at, out var id, out var header) || id != Header || !IsWebm(header))
        {
            return false;
        }

        while (Next(data, ref at, out id, out var body))
        {
            if (id == Segment)
            {
                return SegmentHasVideo(body);
            }
        }

        return false;
    }

    private static bool IsWebm(ReadOnlySpan<byte> header)
    {
        var at = 0;
        while (Next(header, ref at, out var id, out var body))
        {
            if (id == DocType)
            {
                return body.TrimEnd((byte)0).SequenceEqual("webm"u8);
            }
        }

        return false;
    }

    private static bool SegmentHasVideo(ReadOnlySpan<byte> segment)
    {
        var at = 0;
        while (Next(segment, ref at, out var id, out var tracks) && id != Cluster)
        {
            if (id != Tracks)
            {
                continue;
            }

            var t = 0;
            while (Next(tracks, ref t, out var entryId, out var entry))
            {
                var e = 0;
                while (entryId == TrackEntry && Next(entry, ref e, out var field, out var value))
                {
                    if (field == TrackType && value.Length is > 0 and <= 8 && Unsigned(value) == VideoTrack)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>One element: its id (marker bits kept, as ids are written) and its body; an unknown size runs to the end.</summary>
    private static bool Next(ReadOnlySpan<byte> data, ref int at, out uint id, out ReadOnlySpan<byte> body)
    {
        id = 0;
        body = default;
        if (at >= data.Length || !VarInt(data[at..], maxLength: 4, out var idLength, out var rawId, out _))
        {
            return false;
        }

        if (!VarInt(data[(at + idLength)..], maxLength: 8, out var sizeLength, out _, out var size))
        {
            return false;
        }

        id = (uint)rawId;
        var start = at + idLength + sizeLength;
        var unknown = size == (1UL << (7 * sizeLength)) - 1;
        var end = unknown || size > (ulong)(data.Length - start) ? data.Length : start + (int)size;
        body = data[start..end];
        at = end;
        return true;
    }

    /// <summary>A variable-length integer: the leading zero bits of the first byte say how many bytes follow.</summary>
    private static bool VarInt(ReadOnlySpan<byte> data, int maxLength, out int length, out ulong raw, out ulong value)
    {
        (length, raw, value) = (0, 0, 0);
        if (data.IsEmpty || data[0] == 0)
        {
            return false;
        }

        length = System.Numerics.BitOperations.LeadingZeroCount((uint)data[0]) - 23;
        if (length > maxLength || length > data.Length)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            raw = raw << 8 | data[i];
        }

        value = raw & ((1UL << (7 * length)) - 1);
        return true;
    }

    private static ulong Unsigned(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        foreach (var b in bytes)
        {
            value = value << 8 | b;
        }

        return value;
    }
}
