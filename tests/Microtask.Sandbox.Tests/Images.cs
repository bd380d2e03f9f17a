namespace Microtask.Sandbox.Tests;

/// <summary>Image files made byte by byte: a PNG any decoder draws (<see cref="SampleMedia"/>), and the headers of the other formats.</summary>
internal static class Images
{
    /// <summary>A grey RGB PNG of this size.</summary>
    public static byte[] Png(int width, int height) => SampleMedia.Png(width, height);

    public static byte[] Gif(int width, int height) =>
        [.. "GIF89a"u8, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0, 0, 0, 0x3B];

    /// <summary>A JFIF marker first, so the size has to be found by walking the segments.</summary>
    public static byte[] Jpeg(int width, int height) =>
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0,
            0xFF, 0xC0, 0x00, 0x11, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9];

    public static byte[] WebP(int width, int height) =>
        [.. "RIFF"u8, 22, 0, 0, 0, .. "WEBPVP8X"u8, 10, 0, 0, 0, 0, 0, 0, 0,
            (byte)(width - 1), (byte)((width - 1) >> 8), (byte)((width - 1) >> 16), (byte)(height - 1), (byte)((height - 1) >> 8), (byte)((height - 1) >> 16)];
}
