using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Microtask.Core;

namespace Microtask.Batches.Tests;

/// <summary>ZIP batches: real archives from System.IO.Compression, and the rules a media template gives.</summary>
internal static class Zips
{
    public const string PhotoTemplate = "{{image:photo}}\nIs this a {{animal}}?";

    public static BatchRules Rules(string template = PhotoTemplate, ZipLimits? limits = null) =>
        new(TaskTemplate.Fields(template), ["yes", "no"]) { MediaFields = TaskTemplate.MediaFields(template), Zip = limits ?? ZipLimits.Default };

    public static byte[] Build(params (string Name, byte[] Content)[] files) => Build(CompressionLevel.Optimal, files);

    public static byte[] Build(CompressionLevel level, params (string Name, byte[] Content)[] files)
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = archive.CreateEntry(name, level).Open();
                entry.Write(content);
            }
        }

        return zip.ToArray();
    }

    public static (string, byte[]) Text(string name, string text) => (name, Encoding.UTF8.GetBytes(text));

    public static Task<BatchReport> ParseAsync(byte[] zip, BatchRules? rules = null, string fileName = "batch.zip") =>
        BatchParser.ParseAsync(new MemoryStream(zip), fileName, rules ?? Rules());
}

/// <summary>One entry of a ZIP written byte by byte: what it stores, and what its headers claim, true or not.</summary>
internal sealed record RawEntry(string Name, byte[] Stored, ushort Method, uint Crc, uint Size, ushort Flags = 0)
{
    public uint PackedSize { get; init; } = (uint)Stored.Length;

    public static RawEntry Plain(string name, byte[] content) => new(name, content, 0, Crc32.Append(0, content), (uint)content.Length);

    public static RawEntry Deflated(string name, byte[] content)
    {
        var packed = new MemoryStream();
        using (var deflate = new DeflateStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(content);
        }

        return new(name, packed.ToArray(), 8, Crc32.Append(0, content), (uint)content.Length);
    }
}

/// <summary>Writes ZIPs by hand, for what System.IO.Compression will not write: paths out of the root, lies, encryption flags.</summary>
internal static class RawZip
{
    public static byte[] Build(params RawEntry[] entries)
    {
        var zip = new MemoryStream();
        var offsets = new List<uint>();
        foreach (var entry in entries)
        {
            offsets.Add((uint)zip.Length);
            var name = Encoding.UTF8.GetBytes(entry.Name);
            Write(zip, 0x04034B50u, (ushort)20, entry.Flags, entry.Method, (ushort)0, (ushort)0x21, entry.Crc, entry.PackedSize, entry.Size, (ushort)name.Length, (ushort)0);
            zip.Write(name);
            zip.Write(entry.Stored);
        }

        var directory = (uint)zip.Length;
        for (var i = 0; i < entries.Length; i++)
        {
            var (entry, name) = (entries[i], Encoding.UTF8.GetBytes(entries[i].Name));
            Write(zip, 0x02014B50u, (ushort)20, (ushort)20, entry.Flags, entry.Method, (ushort)0, (ushort)0x21, entry.Crc, entry.PackedSize, entry.Size,
                (ushort)name.Length, (ushort)0, (ushort)0, (ushort)0, (ushort)0, 0u, offsets[i]);
            zip.Write(name);
        }

        var size = (uint)zip.Length - directory;
        Write(zip, 0x06054B50u, (ushort)0, (ushort)0, (ushort)entries.Length, (ushort)entries.Length, size, directory, (ushort)0);
        return zip.ToArray();
    }

    private static void Write(Stream zip, params object[] fields)
    {
        foreach (var field in fields)
        {
            var bytes = new byte[field is ushort ? 2 : 4];
            if (field is ushort half)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(bytes, half);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)field);
            }

            zip.Write(bytes);
        }
    }
}
