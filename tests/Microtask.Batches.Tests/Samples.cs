using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Microtask.Batches.Tests;

/// <summary>
/// Small media files built byte by byte as their formats lay them out: a decodable 1×1 JPEG, PNG, GIF and WebP, silent
/// MP3 frames, an Ogg Opus stream with checksummed pages, WAV, FLAC's stream header, and MP4/MOV/WebM structures whose
/// tracks say video or sound. Plus things that only pretend: programs and text.
/// </summary>
internal static class Samples
{
    /// <summary>A baseline JPEG of one grey pixel: one DC code and an end-of-block, with one-symbol Huffman tables.</summary>
    public static byte[] Jpeg() =>
    [
        0xFF, 0xD8,
        0xFF, 0xDB, 0x00, 0x43, 0x00, .. Enumerable.Repeat((byte)1, 64),
        0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00,
        0xFF, 0xC4, 0x00, 0x14, 0x00, 0x01, .. new byte[15], 0x00,
        0xFF, 0xC4, 0x00, 0x14, 0x10, 0x01, .. new byte[15], 0x00,
        0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00,
        0x3F,
        0xFF, 0xD9,
    ];

    /// <summary>A greyscale PNG; <paramref name="textBytes"/> adds a tEXt comment of that size, to make it large.</summary>
    public static byte[] Png(int width = 1, int height = 1, int textBytes = 0)
    {
        var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0); // filter: none
                zlib.Write(Enumerable.Range(0, width).Select(x => (byte)(x * 255 / Math.Max(1, width - 1))).ToArray());
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (grey), default compression, filter and interlace
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        PngChunk(png, "IHDR", header);
        if (textBytes > 0)
        {
            PngChunk(png, "tEXt", [.. "Comment\0"u8, .. Enumerable.Repeat((byte)'x', textBytes)]);
        }

        PngChunk(png, "IDAT", pixels.ToArray());
        PngChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The classic 1×1 transparent GIF.</summary>
    public static byte[] Gif() => Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    /// <summary>A 1×1 lossless WebP.</summary>
    public static byte[] Webp() => Convert.FromBase64String("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    /// <summary>Silent MPEG-1 Layer III frames: 128 kbit/s, 44.1 kHz, mono; each 417 bytes, header then zeros.</summary>
    public static byte[] Mp3(int frames = 4, bool id3 = false)
    {
        var frame = new byte[417];
        new byte[] { 0xFF, 0xFB, 0x90, 0xC4 }.CopyTo(frame, 0);
        var tag = id3 ? (byte[])[.. "ID3"u8, 4, 0, 0, 0, 0, 0, 0] : [];
        return [.. tag, .. Enumerable.Repeat(frame, frames).SelectMany(f => f)];
    }

    /// <summary>A mono 16-bit PCM WAV of a 440 Hz tone at 8 kHz.</summary>
    public static byte[] Wav(int samples = 800)
    {
        var data = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(i * 2), (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000)));
        }

        var format = new byte[16];
        BinaryPrimitives.WriteInt16LittleEndian(format, 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(format.AsSpan(2), 1);
        BinaryPrimitives.WriteInt32LittleEndian(format.AsSpan(4), 8000);
        BinaryPrimitives.WriteInt32LittleEndian(format.AsSpan(8), 16000);
        BinaryPrimitives.WriteInt16LittleEndian(format.AsSpan(12), 2);
        BinaryPrimitives.WriteInt16LittleEndian(format.AsSpan(14), 16);
        byte[] body = [.. "WAVE"u8, .. RiffChunk("fmt ", format), .. RiffChunk("data", data)];
        return [.. RiffChunk("RIFF", body)];
    }

    /// <summary>FLAC's marker and STREAMINFO block (44.1 kHz, mono, 16 bits), with no frames: an empty stream.</summary>
    public static byte[] Flac()
    {
        var info = new byte[34];
        BinaryPrimitives.WriteUInt16BigEndian(info, 4096);
        BinaryPrimitives.WriteUInt16BigEndian(info.AsSpan(2), 4096);
        BinaryPrimitives.WriteUInt64BigEndian(info.AsSpan(10), (44100UL << 44) | (15UL << 36));
        return [.. "fLaC"u8, 0x80, 0, 0, 34, .. info];
    }

    /// <summary>An Ogg Opus stream: the OpusHead and OpusTags pages, then one page with a 20 ms silent frame.</summary>
    public static byte[] OggOpus()
    {
        byte[] head = [.. "OpusHead"u8, 1, 1, 0x38, 0x01, 0x80, 0xBB, 0, 0, 0, 0, 0];
        byte[] tags = [.. "OpusTags"u8, 4, 0, 0, 0, .. "test"u8, 0, 0, 0, 0];
        return [.. OggPage(0x02, 0, 0, head), .. OggPage(0, 0, 1, tags), .. OggPage(0x04, 960, 2, [0xF8, 0xFF, 0xFE])];
    }

    /// <summary>An Ogg stream whose first packet is a Vorbis identification header.</summary>
    public static byte[] OggVorbis()
    {
        var id = new byte[23];
        id[4] = 1; // channels
        BinaryPrimitives.WriteInt32LittleEndian(id.AsSpan(5), 44100);
        id[21] = 0xB8; // block sizes 256 and 2048
        id[22] = 1; // framing
        return OggPage(0x06, 0, 0, [1, .. "vorbis"u8, .. id]);
    }

    /// <summary>ISO media: ftyp with <paramref name="brand"/>, then moov (one track per handler) and mdat, or mdat first.</summary>
    public static byte[] IsoMedia(string brand, string[] handlers, bool movieLast = false)
    {
        var tracks = handlers.Select(handler => Box("trak", [.. Box("tkhd", new byte[84]), .. Box("mdia", [
            .. Box("mdhd", new byte[24]),
            .. Box("hdlr", [0, 0, 0, 0, 0, 0, 0, 0, .. Encoding.ASCII.GetBytes(handler), .. new byte[12], .. "Handler\0"u8]),
        ])])).SelectMany(t => t);
        var movie = Box("moov", [.. Box("mvhd", new byte[100]), .. tracks]);
        var data = Box("mdat", new byte[256]);
        byte[] type = [.. Box("ftyp", [.. Encoding.ASCII.GetBytes(brand), 0, 0, 2, 0, .. "isomiso2mp41"u8])];
        return movieLast ? [.. type, .. data, .. movie] : [.. type, .. movie, .. data];
    }

    public static byte[] Mp4(bool movieLast = false) => IsoMedia("isom", ["vide", "soun"], movieLast);

    public static byte[] M4a() => IsoMedia("M4A ", ["soun"]);

    public static byte[] Mov() => IsoMedia("qt  ", ["vide"]);

    /// <summary>A WebM header and one track: 1 video (VP8), 2 audio (Opus); the segment's size unknown, as live writers leave it.</summary>
    public static byte[] Webm(int trackType = 1)
    {
        byte[] header = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, .. "webm"u8, 0x42, 0x87, 0x81, 0x02,
            0x42, 0x85, 0x81, 0x02, 0x42, 0xF7, 0x81, 0x01, 0x42, 0xF2, 0x81, 0x04, 0x42, 0xF3, 0x81, 0x08];
        var codec = trackType == 1 ? "V_VP8"u8.ToArray() : "A_OPUS"u8.ToArray();
        byte[] entry = [0xD7, 0x81, 0x01, 0x83, 0x81, (byte)trackType, 0x86, (byte)(0x80 | codec.Length), .. codec];
        byte[] tracks = [0x16, 0x54, 0xAE, 0x6B, (byte)(0x80 | (entry.Length + 2)), 0xAE, (byte)(0x80 | entry.Length), .. entry];
        byte[] cluster = [0x1F, 0x43, 0xB6, 0x75, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xE7, 0x81, 0x00];
        return [.. header, 0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, .. tracks, .. cluster];
    }

    /// <summary>The start of a Windows program: MZ, the DOS stub's message, the PE signature.</summary>
    public static byte[] WindowsProgram() =>
        [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0, .. new byte[44], 0x80, 0, 0, 0, .. "This program cannot be run in DOS mode.\r\r\n$"u8, .. new byte[20], .. "PE\0\0"u8];

    /// <summary>The start of a Linux program: the ELF header of a 64-bit executable.</summary>
    public static byte[] LinuxProgram() => [0x7F, .. "ELF"u8, 2, 1, 1, 0, .. new byte[8], 2, 0, 0x3E, 0, 1, 0, 0, 0, .. new byte[40]];

    private static void PngChunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Append(0, typed));
        png.Write(length);
        png.Write(typed);
        png.Write(crc);
    }

    private static byte[] RiffChunk(string id, byte[] data)
    {
        var size = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(size, data.Length);
        return [.. Encoding.ASCII.GetBytes(id), .. size, .. data, .. data.Length % 2 == 1 ? new byte[1] : []];
    }

    private static byte[] Box(string type, byte[] payload)
    {
        var size = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(size, payload.Length + 8);
        return [.. size, .. Encoding.ASCII.GetBytes(type), .. payload];
    }

    /// <summary>One Ogg page holding one packet (under 255 bytes), its CRC computed as Ogg does (polynomial 0x04C11DB7, unreflected).</summary>
    private static byte[] OggPage(byte flags, long granule, int sequence, byte[] packet)
    {
        var page = new byte[27 + 1 + packet.Length];
        "OggS"u8.CopyTo(page);
        page[5] = flags;
        BinaryPrimitives.WriteInt64LittleEndian(page.AsSpan(6), granule);
        BinaryPrimitives.WriteInt32LittleEndian(page.AsSpan(14), 0x4D54);
        BinaryPrimitives.WriteInt32LittleEndian(page.AsSpan(18), sequence);
        page[26] = 1;
        page[27] = (byte)packet.Length;
        packet.CopyTo(page, 28);
        uint crc = 0;
        foreach (var b in page)
        {
            crc ^= (uint)b << 24;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }

        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(22), crc);
        return page;
    }
}
