using System.Buffers.Binary;

namespace Microtask.Sandbox.Tests;

/// <summary>Sound files made byte by byte, beyond <see cref="SampleMedia"/>: MP3 frames of silence, with or without the headers that give a length.</summary>
internal static class Media
{
    private const int FrameBytes = 417; // MPEG-1 layer III, 128 kbit/s, 44.1 kHz, no padding
    private const int SamplesPerFrame = 1152;

    /// <summary>A constant-bit-rate MP3 of about this length, optionally behind an ID3v2 tag, optionally with a Xing header giving its frame count.</summary>
    public static byte[] Mp3(double seconds, bool id3 = false, int? xingFrames = null)
    {
        var frames = (int)Math.Round(seconds * 44100 / SamplesPerFrame);
        var mp3 = new List<byte>();
        if (id3) mp3.AddRange([.. "ID3"u8, 4, 0, 0, 0, 0, 1, 0]); // a 128-byte tag (syncsafe size 0x100)
        if (id3) mp3.AddRange(new byte[128]);
        for (var i = 0; i < frames; i++)
        {
            var frame = new byte[FrameBytes];
            frame[0] = 0xFF;
            frame[1] = 0xFB;
            frame[2] = 0x90;
            frame[3] = 0x00; // stereo
            if (i == 0 && xingFrames is { } count)
            {
                "Xing"u8.CopyTo(frame.AsSpan(36));
                BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(40), 1); // the frame count is given
                BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(44), (uint)count);
            }
            mp3.AddRange(frame);
        }
        return [.. mp3];
    }
}
