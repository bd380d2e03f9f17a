using System.Collections.Concurrent;
using Microtask.Core;
using Microtask.Sandbox;
using SkiaSharp;

namespace Microtask.Bot.Views;

/// <summary>A file the bot makes itself: its name and bytes.</summary>
internal sealed record MadeFile(string FileName, byte[] Content);

/// <summary>
/// Stand-ins for a preview's media fields, one per kind (the wizard has no batch yet): a picture, a short tone, a short
/// silent voice note, a video's headers. Each is a value of its own (<c>sample:image</c>…), so its file_id is kept
/// and reused like any other.
/// </summary>
internal static class MediaSamples
{
    private const string Prefix = "sample:";
    private static readonly ConcurrentDictionary<MediaKind, MadeFile> Made = new();

    /// <summary>The value a preview's field of this kind holds.</summary>
    public static string Value(MediaKind kind) => Prefix + kind.Name();

    /// <summary>The stand-in that <paramref name="value"/> names for a field of this kind; null for any other value.</summary>
    public static MadeFile? Of(string value, MediaKind kind) =>
        value == Value(kind) ? Made.GetOrAdd(kind, Make) : null;

    private static MadeFile Make(MediaKind kind) => kind switch
    {
        MediaKind.Image => new("sample.png", Drawings.Shape("circle", SKColors.SteelBlue, 480)),
        MediaKind.Audio => new("sample.wav", SampleMedia.Wav(2)),
        MediaKind.Voice => new("sample.ogg", SampleMedia.OggOpus(2)),
        _ => new("sample.mp4", SampleMedia.Mp4Header(2, 320, 240)),
    };
}

/// <summary>Simple pictures drawn on the spot as PNG: the preview's stand-in and the sample project's images.</summary>
internal static class Drawings
{
    /// <summary>A square picture of one shape (circle, square, triangle, star) in a colour, on a light ground.</summary>
    public static byte[] Shape(string shape, SKColor colour, int size)
    {
        using var surface = SKSurface.Create(new SKImageInfo(size, size));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(0xF4, 0xF1, 0xEA));
        using var paint = new SKPaint { Color = colour, IsAntialias = true, Style = SKPaintStyle.Fill };
        var (c, r) = (size / 2f, size * 0.32f);
        switch (shape)
        {
            case "square":
                canvas.DrawRect(c - r, c - r, 2 * r, 2 * r, paint);
                break;
            case "triangle":
            case "star":
                using (var path = new SKPath())
                {
                    var points = shape == "triangle" ? 3 : 10;
                    for (var i = 0; i < points; i++)
                    {
                        var angle = (-Math.PI / 2) + (i * 2 * Math.PI / points);
                        var radius = shape == "star" && i % 2 == 1 ? r * 0.45f : r;
                        var (x, y) = (c + (radius * (float)Math.Cos(angle)), c + (radius * (float)Math.Sin(angle)));
                        if (i == 0)
                        {
                            path.MoveTo(x, y);
                        }
                        else
                        {
                            path.LineTo(x, y);
                        }
                    }

                    path.Close();
                    canvas.DrawPath(path, paint);
                }

                break;
            default:
                canvas.DrawCircle(c, c, r, paint);
                break;
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
