using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Microtask.Sandbox;

/// <summary>
/// Small media files made byte by byte, for tests and demonstrations: a PNG any browser draws, and sounds a browser
/// plays whose headers give their length, so that <see cref="BotApiEmulator.SendVoice"/> and the web chat have real
/// files to work with without a codec on the machine.
/// </summary>
public static class SampleMedia
{
    // An Opus packet of 20 ms of silence (one CELT frame), as voice apps send during a pause.
    private static readonly byte[] OpusSilence = [0xF8, 0xFF, 0xFE];
    private const int OpusRate = 48000;
    private const int OpusPreSkip = 312;
    private const int SamplesPerPacket = 960;

    /// <summary>A grey RGB PNG of this size.</summary>
    public static byte[] Png(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[1 + (3 * width)]; // filter byte 0, then RGB
            Array.Fill(row, (byte)0x80, 1, row.Length - 1);
            for (var y = 0; y < height; y++) zlib.Write(row);
        }
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        PngChunk(png, "IHDR", header);
        PngChunk(png, "IDAT", pixels.ToArray());
        PngChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A voice note as Telegram's apps record one: Ogg/Opus, mono, this many seconds of silence.</summary>
    public static byte[] OggOpus(double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        var samples = (long)Math.Round(seconds * OpusRate);
        var packets = (int)Math.Max(1, (samples + OpusPreSkip + SamplesPerPacket - 1) / SamplesPerPacket);
        var head = new byte[19];
        "OpusHead"u8.CopyTo(head);
        head[8] = 1; // version
        head[9] = 1; // channels
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(10), OpusPreSkip);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(12), OpusRate);
        byte[] tags = [.. "OpusTags"u8, 7, 0, 0, 0, .. "sandbox"u8, 0, 0, 0, 0];
        using var ogg = new MemoryStream();
        OggPage(ogg, 0x02, 0, 0, [head]);
        OggPage(ogg, 0, 0, 1, [tags]);
        var sequence = 2;
        for (var first = 0; first < packets; first += 50)
        {
            var count = Math.Min(50, packets - first);
            var last = first + count == packets;
            // The last page's granule ends the stream at exactly the length asked, less the pre-skip.
            var granule = last ? samples + OpusPreSkip : (long)(first + count) * SamplesPerPacket;
            OggPage(ogg, last ? (byte)0x04 : (byte)0, granule, sequence++, Enumerable.Repeat(OpusSilence, count).ToArray());
        }
        return ogg.ToArray();
    }

    /// <summary>A WAV of a 440 Hz tone: 8 kHz, 8-bit, mono.</summary>
    public static byte[] Wav(double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        const int Rate = 8000;
        var samples = (int)Math.Round(seconds * Rate);
        var wav = new byte[44 + samples];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), 36 + samples);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), Rate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), Rate); // bytes per second
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 1); // block align
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 8); // bits per sample
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), samples);
        for (var i = 0; i < samples; i++) wav[44 + i] = (byte)(128 + (40 * Math.Sin(2 * Math.PI * 440 * i / Rate)));
        return wav;
    }

    /// <summary>
    /// The headers of an MP4 video (ftyp, then moov with mvhd and one video track's tkhd) saying this length and
    /// size, without any picture: enough for what reads a video's headers, not for a player.
    /// </summary>
    public static byte[] Mp4Header(double seconds, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        const int Scale = 1000;
        var mvhd = new byte[100];
        BinaryPrimitives.WriteUInt32BigEndian(mvhd.AsSpan(12), Scale);
        BinaryPrimitives.WriteUInt32BigEndian(mvhd.AsSpan(16), (uint)Math.Round(seconds * Scale));
        var tkhd = new byte[84];
        BinaryPrimitives.WriteUInt32BigEndian(tkhd.AsSpan(76), (uint)width << 16);
        BinaryPrimitives.WriteUInt32BigEndian(tkhd.AsSpan(80), (uint)height << 16);
        return [.. Box("ftyp", [.. "isom"u8, 0, 0, 2, 0, .. "isommp41"u8]), .. Box("moov", [.. Box("mvhd", mvhd), .. Box("trak", Box("tkhd", tkhd))])];
    }

    private static byte[] Box(string type, byte[] content)
    {
        var box = new byte[8 + content.Length];
        BinaryPrimitives.WriteInt32BigEndian(box, box.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        content.CopyTo(box, 8);
        return box;
    }

    private static void OggPage(Stream ogg, byte flags, long granule, int sequence, byte[][] packets)
    {
        var lacing = packets.SelectMany(p => Enumerable.Repeat((byte)255, p.Length / 255).Append((byte)(p.Length % 255))).ToArray();
        var page = new byte[27 + lacing.Length + packets.Sum(p => p.Length)];
        "OggS"u8.CopyTo(page);
        page[5] = flags;
        BinaryPrimitives.WriteInt64LittleEndian(page.AsSpan(6), granule);
        BinaryPrimitives.WriteInt32LittleEndian(page.AsSpan(14), 0x5A4E4442); // stream serial number
        BinaryPrimitives.WriteInt32LittleEndian(page.AsSpan(18), sequence);
        page[26] = (byte)lacing.Length;
        lacing.CopyTo(page, 27);
        var at = 27 + lacing.Length;
        foreach (var packet in packets)
        {
            packet.CopyTo(page, at);
            at += packet.Length;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(22), OggCrc(page));
        ogg.Write(page);
    }

    /// <summary>Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, over the page with its CRC field zero.</summary>
    private static uint OggCrc(byte[] page)
    {
        var crc = 0u;
        foreach (var b in page)
        {
            crc ^= (uint)b << 24;
            for (var k = 0; k < 8; k++) crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
        }
        return crc;
    }

    private static void PngChunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, PngCrc(typed));
        png.Write(crc);
    }

    private static uint PngCrc(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
