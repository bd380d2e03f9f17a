using System.IO.Compression;
using System.Security.Cryptography;
using Microtask.Core;

namespace Microtask.Batches.Tests;

/// <summary>A ZIP holding one table and the media files it names by path.</summary>
public class ZipBatchTests
{
    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task A_table_and_its_photos_become_tasks_naming_the_photos_by_hash()
    {
        byte[] jpeg = Samples.Jpeg(), png = Samples.Png(4, 4);
        var zip = Zips.Build(
            Zips.Text("tasks.csv", "photo,animal,gold\nphotos/cat.jpg,cat,yes\nphotos/dog.png,dog,\n"),
            ("photos/cat.jpg", jpeg),
            ("photos/dog.png", png));

        var report = await Zips.ParseAsync(zip);

        Assert.Null(report.Problem);
        Assert.Equal(BatchFormat.Csv, report.Format);
        Assert.Equal("tasks.csv", report.Table);
        Assert.Equal(Hash(zip), report.Sha256);
        Assert.Equal(["sha256:" + Hash(jpeg), "sha256:" + Hash(png)], report.Accepted.Select(t => t.Fields["photo"]));
        Assert.Equal("yes", report.Accepted[0].GoldAnswer);
        Assert.Equal(
            [(Hash(jpeg), MediaKind.Image, "image/jpeg", "photos/cat.jpg", jpeg.Length), (Hash(png), MediaKind.Image, "image/png", "photos/dog.png", png.Length)],
            report.Media.Select(f => (f.Sha256, f.Kind, f.ContentType, f.Path, (int)f.Size)));
        Assert.Equal(jpeg, report.Media[0].Content.ToArray());
        using var copy = new MemoryStream();
        await report.Media[1].OpenRead().CopyToAsync(copy);
        Assert.Equal(png, copy.ToArray());
        Assert.Equal(MediaRef.Parse(report.Accepted[0].Fields["photo"]), report.Media[0].Ref);
    }

    [Fact]
    public async Task Paths_may_use_backslashes_and_a_leading_dot_slash_but_case_counts()
    {
        var zip = Zips.Build(
            Zips.Text("data/tasks.jsonl", """
                {"photo": "./img/a.gif", "animal": "a"}
                {"photo": "img\\b.webp", "animal": "b"}
                {"photo": "IMG/a.gif", "animal": "c"}
                """),
            ("img/a.gif", Samples.Gif()),
            ("img/b.webp", Samples.Webp()));

        var report = await Zips.ParseAsync(zip);

        Assert.Equal("data/tasks.jsonl", report.Table);
        Assert.Equal(["image/gif", "image/webp"], report.Media.Select(f => f.ContentType));
        var missing = Assert.Single(report.Rejected);
        Assert.Equal((3, RejectReason.MissingFile, "photo", "IMG/a.gif"), (missing.Line, missing.Code, missing.Field, missing.Value));
    }

    [Fact]
    public async Task One_file_under_two_paths_is_one_file_and_rows_naming_it_are_duplicates()
    {
        var jpeg = Samples.Jpeg();
        var zip = Zips.Build(
            Zips.Text("tasks.csv", "photo,animal\na.jpg,cat\nb.jpg,cat\na.jpg,dog\n"),
            ("a.jpg", jpeg),
            ("b.jpg", jpeg));

        var report = await Zips.ParseAsync(zip);

        Assert.Equal(2, report.Accepted.Count);
        Assert.Equal(1, report.Duplicates);
        Assert.Equal("a.jpg", Assert.Single(report.Media).Path);
    }

    [Fact]
    public async Task Urls_and_file_ids_in_a_zip_table_stay_as_they_are()
    {
        const string fileId = "AgACAgIAAxkBAAIBY2Zf-x_9QmRk3aBcDeFgHiJkLmNoPq";
        var zip = Zips.Build(Zips.Text("tasks.csv", $"photo,animal\nhttps://cdn.example.org/1.jpg,a\n{fileId},b\ntg:{fileId},c\n"));

        var report = await Zips.ParseAsync(zip);

        Assert.Equal(["https://cdn.example.org/1.jpg", "tg:" + fileId, "tg:" + fileId], report.Accepted.Select(t => t.Fields["photo"]));
        Assert.Empty(report.Media);
    }

    [Fact]
    public async Task Audio_voice_and_video_files_are_read_by_content_whatever_their_names()
    {
        const string template = "{{audio:song}} {{audio:clip}}\n{{text}}";
        var zip = Zips.Build(
            Zips.Text("t.csv", "song,clip,text\n1.bin,2.bin,a\n3.bin,4.bin,b\n5.bin,1.bin,c\n"),
            ("1.bin", Samples.Mp3()), ("2.bin", Samples.M4a()), ("3.bin", Samples.OggVorbis()), ("4.bin", Samples.Wav()), ("5.bin", Samples.Flac()));

        var report = await Zips.ParseAsync(zip, Zips.Rules(template));

        Assert.Empty(report.Rejected);
        Assert.Equal(["audio/mpeg", "audio/mp4", "audio/ogg", "audio/wav", "audio/flac"], report.Media.Select(f => f.ContentType));
        Assert.All(report.Media, f => Assert.Equal(MediaKind.Audio, f.Kind));
    }

    [Fact]
    public async Task Voice_takes_ogg_opus_mp3_and_m4a_and_video_takes_mp4_mov_and_webm()
    {
        var voice = Zips.Build(
            Zips.Text("t.csv", "v,text\na.ogg,1\nb.mp3,2\nc.m4a,3\n"), ("a.ogg", Samples.OggOpus()), ("b.mp3", Samples.Mp3()), ("c.m4a", Samples.M4a()));
        var video = Zips.Build(
            Zips.Text("t.csv", "v,text\na.mp4,1\nb.mov,2\nc.webm,3\n"), ("a.mp4", Samples.Mp4(movieLast: true)), ("b.mov", Samples.Mov()), ("c.webm", Samples.Webm()));

        var voices = await Zips.ParseAsync(voice, Zips.Rules("{{voice:v}} {{text}}"));
        var videos = await Zips.ParseAsync(video, Zips.Rules("{{video:v}} {{text}}"));

        Assert.Equal(3, voices.Accepted.Count);
        Assert.All(voices.Media, f => Assert.Equal(MediaKind.Voice, f.Kind));
        Assert.Equal(["video/mp4", "video/quicktime", "video/webm"], videos.Media.Select(f => f.ContentType));
    }

    [Fact]
    public async Task A_file_that_is_not_what_its_column_sends_rejects_its_row()
    {
        var zip = Zips.Build(
            Zips.Text("t.csv", "photo,clip,text\n" +
                "virus.jpg,ok.mp4,1\n" +      // a program named .jpg
                "ok.jpg,song.m4a,2\n" +       // sound only, in a video column
                "ok.jpg,audio.webm,3\n" +     // WebM without a picture
                "notes.jpg,ok.mp4,4\n" +      // text named .jpg
                "ok.jpg,ok.mp4,5\n"),
            ("virus.jpg", Samples.WindowsProgram()), ("notes.jpg", "just some notes"u8.ToArray()),
            ("ok.jpg", Samples.Jpeg()), ("ok.mp4", Samples.Mp4()), ("song.m4a", Samples.M4a()), ("audio.webm", Samples.Webm(trackType: 2)));

        var report = await Zips.ParseAsync(zip, Zips.Rules("{{image:photo}}{{video:clip}}\n{{text}}"));

        Assert.Equal(
            [(2, RejectReason.NotAnImage, "photo", "virus.jpg"), (3, RejectReason.NotVideo, "clip", "song.m4a"),
             (4, RejectReason.NotVideo, "clip", "audio.webm"), (5, RejectReason.NotAnImage, "photo", "notes.jpg")],
            report.Rejected.Select(r => (r.Line, r.Code, r.Field!, r.Value!)));
        Assert.Single(report.Accepted);
        Assert.Equal(["ok.jpg", "ok.mp4"], report.Media.Select(f => f.Path));
    }

    [Fact]
    public async Task Audio_that_telegram_does_not_play_as_a_voice_note_rejects_its_row()
    {
        var zip = Zips.Build(
            Zips.Text("t.csv", "v,text\nvorbis.ogg,1\ntone.wav,2\nclip.mp4,3\n"),
            ("vorbis.ogg", Samples.OggVorbis()), ("tone.wav", Samples.Wav()), ("clip.mp4", Samples.Mp4()));

        var report = await Zips.ParseAsync(zip, Zips.Rules("{{voice:v}} {{text}}"));

        Assert.Equal([RejectReason.NotVoice, RejectReason.NotVoice, RejectReason.NotVoice], report.Rejected.Select(r => r.Code));
        Assert.Empty(report.Media);
    }

    [Fact]
    public async Task A_photo_over_10_mb_and_a_video_over_50_mb_reject_their_rows()
    {
        var bigPhoto = Samples.Png(textBytes: 10 * 1024 * 1024);
        var bigVideo = Samples.Mp4().Concat(new byte[50 * 1024 * 1024]).ToArray();
        var zip = Zips.Build(
            CompressionLevel.Fastest,
            Zips.Text("t.csv", "photo,clip,text\nbig.png,ok.mp4,1\nok.png,big.mp4,2\nok.png,ok.mp4,3\n"),
            ("big.png", bigPhoto), ("big.mp4", bigVideo), ("ok.png", Samples.Png()), ("ok.mp4", Samples.Mp4()));

        var report = await Zips.ParseAsync(zip, Zips.Rules("{{image:photo}} {{video:clip}} {{text}}", new ZipLimits(MaxRatio: int.MaxValue)));

        Assert.Equal([(2, RejectReason.PhotoTooLarge), (3, RejectReason.MediaTooLarge)], report.Rejected.Select(r => (r.Line, r.Code)));
        Assert.Equal(["ok.png", "ok.mp4"], report.Media.Select(f => f.Path));
    }

    [Fact]
    public async Task Files_of_rejected_rows_are_not_returned_and_rejections_stay_in_line_order()
    {
        var zip = Zips.Build(
            Zips.Text("t.csv", "photo,animal,gold\nexe.jpg,a,\ngold.jpg,b,maybe\nmissing.jpg,c,\nok.jpg,d,\n"),
            ("exe.jpg", Samples.LinuxProgram()), ("gold.jpg", Samples.Jpeg()), ("ok.jpg", Samples.Png()), ("unused.jpg", Samples.Gif()));

        var report = await Zips.ParseAsync(zip);

        Assert.Equal([(2, RejectReason.NotAnImage), (3, RejectReason.BadGold), (4, RejectReason.MissingFile)], report.Rejected.Select(r => (r.Line, r.Code)));
        Assert.Equal("ok.jpg", Assert.Single(report.Media).Path);
    }

    [Fact]
    public async Task A_zipped_folder_names_files_beside_its_table_and_what_macos_adds_is_ignored()
    {
        var zip = Zips.Build(
            ("batch/", []), Zips.Text("batch/tasks.csv", "photo,animal\na.jpg,cat\nbatch/b.jpg,dog\nc.jpg,cow\n"),
            ("batch/a.jpg", Samples.Jpeg()), ("batch/b.jpg", Samples.Png()), ("c.jpg", Samples.Gif()),
            ("__MACOSX/batch/._tasks.csv", [0, 5, 22, 7]), ("batch/.DS_Store", [0, 0, 0, 1]));

        var report = await Zips.ParseAsync(zip);

        Assert.Null(report.Problem);
        Assert.Equal("batch/tasks.csv", report.Table);
        Assert.Equal(["batch/a.jpg", "batch/b.jpg", "c.jpg"], report.Media.Select(f => f.Path));
    }

    [Fact]
    public async Task A_problem_in_the_table_refuses_the_zip_like_a_plain_file()
    {
        var zip = Zips.Build(Zips.Text("tasks.csv", "photo,colour\na.jpg,red\n"), ("a.jpg", Samples.Jpeg()));

        var report = await Zips.ParseAsync(zip);

        Assert.Equal(["colour"], Batch.Refused(report, FileErrorCode.UnknownColumns).Names);
        Assert.Equal("tasks.csv", report.Table);
        Assert.Empty(report.Media);
    }

    [Fact]
    public async Task A_zip_is_refused_as_binary_unless_the_caller_reads_zips()
    {
        var zip = Zips.Build(Zips.Text("tasks.csv", "photo,animal\nhttps://a.example/1.jpg,cat\n"));

        Assert.Equal("ZIP archive (an .xlsx or .docx is one)", Batch.Refused(await Zips.ParseAsync(zip, Zips.Rules() with { Zip = null }), FileErrorCode.Binary).Detail);
        Assert.Equal(FileErrorCode.Binary, (await Zips.ParseAsync(zip, fileName: "tasks.xlsx")).Problem?.Code);
        Assert.Single((await Zips.ParseAsync(zip, fileName: "upload")).Accepted);
    }

    [Fact]
    public void A_projects_rules_carry_its_media_fields()
    {
        var project = new Project(1, "Cats", "Look", AnswerKind.YesNo, [], "{{image:photo}} {{audio:sound}} {{text}}", 10, 3, TimeSpan.FromMinutes(5), ProjectState.Active);

        var rules = BatchRules.For(project);

        Assert.Equal(["photo", "sound", "text"], rules.TemplateFields);
        Assert.Equal([new MediaField(MediaKind.Image, "photo"), new MediaField(MediaKind.Audio, "sound")], rules.MediaFields);
        Assert.Null(rules.Zip);
    }
}
