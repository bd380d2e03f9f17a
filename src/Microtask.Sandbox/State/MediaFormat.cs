using System.Buffers.Binary;

namespace Microtask.Sandbox.State;

/// <summary>
/// What an audio or video file is, read from its own bytes, never from its name: its container, which a browser plays
/// by that type, and, where a header says so cheaply, its length in whole seconds (rounded) and its picture size.
/// Zero where it does not: a WebM from a browser's recorder carries no length, and nothing here decodes audio.
/// </summary>
internal sealed record MediaFormat(string MimeType, string Extension, bool HasVideo, int Duration = 0, int Width = 0, int Height = 0)
{
    private delegate MediaFormat? Reader(ReadOnlySpan<byte> file);

    private static ReadOnlySpan<byte> MatroskaStart => [0x1A, 0x45, 0xDF, 0xA3];

    public static MediaFormat? Of(ReadOnlySpan<byte> file)
    {
        if (file.StartsWith("OggS"u8)) return Read(OggFile, file, new("audio/ogg", ".ogg", false));
        if (file.StartsWith("RIFF"u8) && file.Length >= 12 && file[8..12].SequenceEqual("WAVE"u8)) return Read(Wav, file, new("audio/wav", ".wav", false));
        if (file.Length >= 8 && file[4..8].SequenceEqual("ftyp"u8)) return Read(Mp4File.Read, file, new("audio/mp4", ".m4a", false));
        if (file.StartsWith(MatroskaStart)) return WebM(file);
        return Read(Mp3, file, null);
    }

    /// <summary>A header cut short reads as what its start says it is, with nothing more known.</summary>
    private static MediaFormat? Read(Reader reader, ReadOnlySpan<byte> file, MediaFormat? cut)
    {
        try { return reader(file); }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException) { return cut; }
    }

    public static int Seconds(double seconds) =>
        double.IsFinite(seconds) && seconds > 0 ? (int)Math.Min(int.MaxValue, Math.Round(seconds, MidpointRounding.AwayFromZero)) : 0;

    /// <summary>Opus or Vorbis: the last page's granule position over the sample rate, less Opus's pre-skip.</summary>
    private static MediaFormat OggFile(ReadOnlySpan<byte> f)
    {
        var packet = f[(27 + f[26])..];
        var (rate, skip) = packet.StartsWith("OpusHead"u8) ? (48000, BinaryPrimitives.ReadUInt16LittleEndian(packet[10..]))
            : packet.StartsWith("\u0001vorbis"u8) ? ((int)BinaryPrimitives.ReadUInt32LittleEndian(packet[12..]), 0)
            : (0, 0);
        var last = f.LastIndexOf("OggS"u8);
        var granule = BinaryPrimitives.ReadInt64LittleEndian(f[(last + 6)..]);
        return new("audio/ogg", ".ogg", false, rate > 0 && granule > skip ? Seconds((granule - skip) / (double)rate) : 0);
    }

    /// <summary>PCM and its kin: the data chunk's size over the byte rate of the fmt chunk.</summary>
    private static MediaFormat Wav(ReadOnlySpan<byte> f)
    {
        uint byteRate = 0;
        for (var at = 12; at + 8 <= f.Length;)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(f[(at + 4)..]);
            var id = f[at..(at + 4)];
            if (id.SequenceEqual("fmt "u8)) byteRate = BinaryPrimitives.ReadUInt32LittleEndian(f[(at + 16)..]);
            if (id.SequenceEqual("data"u8)) return new("audio/wav", ".wav", false, byteRate > 0 ? Seconds(size / (double)byteRate) : 0);
            var next = at + 8L + size + (size & 1);
            if (next > f.Length) break;
            at = (int)next;
        }
        return new("audio/wav", ".wav", false);
    }

    /// <summary>Matroska's WebM, as browsers record it: audio unless a video codec is named near the start.</summary>
    private static MediaFormat? WebM(ReadOnlySpan<byte> f)
    {
        var head = f[..Math.Min(f.Length, 4096)];
        if (head[..Math.Min(head.Length, 64)].IndexOf("webm"u8) < 0) return null;
        var video = head.IndexOf("V_VP8"u8) >= 0 || head.IndexOf("V_VP9"u8) >= 0 || head.IndexOf("V_AV1"u8) >= 0;
        return video ? new("video/webm", ".webm", true) : new("audio/webm", ".webm", false);
    }

    private static readonly int[] Mpeg1Layer3Kbps = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0];
    private static readonly int[] Mpeg2Layer3Kbps = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0];
    private static readonly int[] Mpeg1Rates = [44100, 48000, 32000, 0];

    /// <summary>
    /// MPEG audio layer III, after any ID3v2 tag: the frame count of a Xing or Info header when there is one, else the
    /// length a constant bit rate gives. Only a frame right at the start (or right after the tag) counts, so that
    /// other bytes are not taken for sound.
    /// </summary>
    private static MediaFormat? Mp3(ReadOnlySpan<byte> f)
    {
        var at = 0;
        if (f.StartsWith("ID3"u8))
            at = 10 + (f[6] << 21 | f[7] << 14 | f[8] << 7 | f[9]) + ((f[5] & 0x10) != 0 ? 10 : 0);
        if (f[at] != 0xFF || (f[at + 1] & 0xE0) != 0xE0 || ((f[at + 1] >> 1) & 3) != 1) return null;
        var version = (f[at + 1] >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
        var mpeg1 = version == 3;
        var kbps = (mpeg1 ? Mpeg1Layer3Kbps : Mpeg2Layer3Kbps)[f[at + 2] >> 4];
        var rate = version == 1 ? 0 : Mpeg1Rates[(f[at + 2] >> 2) & 3] / (mpeg1 ? 1 : version == 2 ? 2 : 4);
        if (kbps == 0 || rate == 0) return null;
        var samplesPerFrame = mpeg1 ? 1152 : 576;
        var mono = (f[at + 3] >> 6) == 3;
        var xing = f[(at + 4 + (mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17)))..];
        double seconds = (xing.StartsWith("Xing"u8) || xing.StartsWith("Info"u8)) && (BinaryPrimitives.ReadUInt32BigEndian(xing[4..]) & 1) != 0
            ? BinaryPrimitives.ReadUInt32BigEndian(xing[8..]) * (double)samplesPerFrame / rate
            : (f.Length - at) * 8.0 / (kbps * 1000);
        return new("audio/mpeg", ".mp3", false, Seconds(seconds));
    }
}
