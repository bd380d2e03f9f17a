using System.Text;
using Microtask.Core;

namespace Microtask.Batches.Tests;

/// <summary>Files are told by their bytes: each format Telegram sends, the kinds it may be sent as, and what only pretends.</summary>
public class MediaSnifferTests
{
    public static TheoryData<string, string, MediaKind[]> Formats => new()
    {
        { "jpeg", "image/jpeg", [MediaKind.Image] },
        { "png", "image/png", [MediaKind.Image] },
        { "gif", "image/gif", [MediaKind.Image] },
        { "webp", "image/webp", [MediaKind.Image] },
        { "mp3", "audio/mpeg", [MediaKind.Audio, MediaKind.Voice] },
        { "mp3 with id3", "audio/mpeg", [MediaKind.Audio, MediaKind.Voice] },
        { "m4a", "audio/mp4", [MediaKind.Audio, MediaKind.Voice] },
        { "ogg opus", "audio/ogg", [MediaKind.Audio, MediaKind.Voice] },
        { "ogg vorbis", "audio/ogg", [MediaKind.Audio] },
        { "wav", "audio/wav", [MediaKind.Audio] },
        { "flac", "audio/flac", [MediaKind.Audio] },
        { "mp4", "video/mp4", [MediaKind.Video] },
        { "mp4 with its movie box last", "video/mp4", [MediaKind.Video] },
        { "mov", "video/quicktime", [MediaKind.Video] },
        { "webm", "video/webm", [MediaKind.Video] },
    };

    public static byte[] Sample(string name) => name switch
    {
        "jpeg" => Samples.Jpeg(),
        "png" => Samples.Png(3, 2),
        "gif" => Samples.Gif(),
        "webp" => Samples.Webp(),
        "mp3" => Samples.Mp3(),
        "mp3 with id3" => Samples.Mp3(id3: true),
        "m4a" => Samples.M4a(),
        "ogg opus" => Samples.OggOpus(),
        "ogg vorbis" => Samples.OggVorbis(),
        "wav" => Samples.Wav(),
        "flac" => Samples.Flac(),
        "mp4" => Samples.Mp4(),
        "mp4 with its movie box last" => Samples.Mp4(movieLast: true),
        "mov" => Samples.Mov(),
        "webm" => Samples.Webm(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Each_format_is_told_by_its_content(string name, string contentType, MediaKind[] fits)
    {
        var content = MediaSniffer.Detect(Sample(name));

        Assert.NotNull(content);
        Assert.Equal(contentType, content.ContentType);
        Assert.Equal(fits, content.Fits);
    }

    [Fact]
    public void Containers_holding_the_other_kind_are_not_taken_for_it()
    {
        Assert.Null(MediaSniffer.Detect(Samples.Webm(trackType: 2)));
        Assert.Null(MediaSniffer.Detect(Samples.IsoMedia("qt  ", ["soun"])));
        Assert.Null(MediaSniffer.Detect(Samples.IsoMedia("isom", ["text"])));
        Assert.Equal("audio/mp4", MediaSniffer.Detect(Samples.IsoMedia("isom", ["soun"]))!.ContentType);
    }

    [Fact]
    public void Programs_text_and_empty_files_are_no_media()
    {
        Assert.Null(MediaSniffer.Detect(Samples.WindowsProgram()));
        Assert.Null(MediaSniffer.Detect(Samples.LinuxProgram()));
        Assert.Null(MediaSniffer.Detect(Encoding.UTF8.GetBytes("photo,animal\ncat.jpg,cat\n")));
        Assert.Null(MediaSniffer.Detect([]));
        Assert.Null(MediaSniffer.Detect([0xFF, 0xD8]));
    }

    [Fact]
    public void Archives_are_recognised_as_archives()
    {
        Assert.True(MediaSniffer.Detect(Zips.Build(("a.txt", [1, 2, 3])))!.IsArchive);
        Assert.True(MediaSniffer.Detect([0x1F, 0x8B, 8, 0])!.IsArchive);
        Assert.False(MediaSniffer.Detect(Samples.Jpeg())!.IsArchive);
    }

    [Fact]
    public void Every_cut_or_damaged_copy_of_every_sample_is_read_without_failing()
    {
        var random = new Random(24);
        foreach (var name in Formats.Select(row => (string)row[0]))
        {
            var sample = Sample(name);
            for (var length = 0; length <= sample.Length; length++)
            {
                MediaSniffer.Detect(sample.AsSpan(0, length));
                var damaged = sample[..length];
                for (var i = 0; i < damaged.Length; i += 1 + random.Next(8))
                {
                    damaged[i] = (byte)random.Next(256);
                }

                MediaSniffer.Detect(damaged);
            }
        }
    }
}
