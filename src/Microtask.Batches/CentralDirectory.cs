using System.Buffers.Binary;

namespace Microtask.Batches;

/// <summary>
/// Counts a ZIP's entries from its central directory before .NET reads it, which would build an object for every one
/// of them: an archive of a few megabytes can list hundreds of thousands of empty files.
/// </summary>
internal static class CentralDirectory
{
    private const uint EndSignature = 0x06054B50;
    private const uint EntrySignature = 0x02014B50;
    private const int EndLength = 22;
    private const int EntryLength = 46;

    /// <summary>Whether the directory lists more than <paramref name="max"/> entries; false when it cannot tell (ZIP64, damage), for .NET to judge.</summary>
    public static bool HasMoreThan(ReadOnlySpan<byte> zip, int max)
    {
        var end = FindEnd(zip);
        if (end < 0)
        {
            return false;
        }

        var offset = BinaryPrimitives.ReadUInt32LittleEndian(zip[(end + 16)..]);
        if (offset == uint.MaxValue || offset >= zip.Length)
        {
            return false;
        }

        var at = (long)offset;
        for (var count = 0; at + EntryLength <= zip.Length && BinaryPrimitives.ReadUInt32LittleEndian(zip[(int)at..]) == EntrySignature; count++)
        {
            if (count == max)
            {
                return true;
            }

            var header = zip[(int)at..];
            at += EntryLength + BinaryPrimitives.ReadUInt16LittleEndian(header[28..])
                + BinaryPrimitives.ReadUInt16LittleEndian(header[30..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
        }

        return false;
    }

    /// <summary>The end record sits in the last 22 bytes plus up to 64 KiB of archive comment.</summary>
    private static int FindEnd(ReadOnlySpan<byte> zip)
    {
        for (var at = zip.Length - EndLength; at >= Math.Max(0, zip.Length - EndLength - ushort.MaxValue); at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip[at..]) == EndSignature)
            {
                return at;
            }
        }

        return -1;
    }
}
