using Microtask.Sandbox.State;

namespace Microtask.Sandbox.Tests;

/// <summary>What a sound or a video is, and how long, read from its own bytes.</summary>
public sealed class MediaFormatTests
{
    public static TheoryData<string, byte[], string?, int> Sounds => new()
    {
        { "ogg opus", SampleMedia.OggOpus(7.2), "audio/ogg", 7 },
        { "ogg opus, half a second", SampleMedia.OggOpus(0.4), "audio/ogg", 0 },
        { "wav", SampleMedia.Wav(3), "audio/wav", 3 },
        { "mp3, constant bit rate", Media.Mp3(10), "audio/mpeg", 10 },
        { "mp3 behind an ID3 tag", Media.Mp3(4, id3: true), "audio/mpeg", 4 },
        { "mp3 with a Xing frame count", Media.Mp3(1, xingFrames: 44100 * 60 / 1152), "audio/mpeg", 60 },
        { "mp4 video", SampleMedia.Mp4Header(12.6, 640, 360), "video/mp4", 13 },
        { "m4a (no picture)", SampleMedia.Mp4Header(5, 0, 0), "audio/mp4", 5 },
        { "webm from a recorder", [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x84, .. "webm"u8, 0x42, 0x87], "audio/webm", 0 },
        { "ogg cut after its first bytes", SampleMedia.OggOpus(3)[..20], "audio/ogg", 0 },
        { "png", Images.Png(2, 2), null, 0 },
        { "text", "ID3 is not a tag here"u8.ToArray(), null, 0 },
        { "frame sync deep inside other bytes", [0, 0, 0xFF, 0xFB, 0x90, 0], null, 0 },
        { "empty", [], null, 0 },
    };

    [Theory]
    [MemberData(nameof(Sounds))]
    public void A_sound_or_video_is_recognised_by_its_bytes_with_its_length(string kind, byte[] content, string? mimeType, int seconds)
    {
        var format = MediaFormat.Of(content);

        Assert.True((format?.MimeType, format?.Duration ?? 0) == (mimeType, seconds), $"{kind}: {format}");
    }

    [Fact]
    public void A_video_says_its_picture_size()
    {
        var format = MediaFormat.Of(SampleMedia.Mp4Header(2, 1280, 720));

        Assert.Equal(new MediaFormat("video/mp4", ".mp4", true, 2, 1280, 720), format);
    }
}
