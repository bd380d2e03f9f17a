using System.IO.Compression;
using System.Text;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>A requester uploads a ZIP of a table and its pictures: checked like any batch, imported whole on Import, or refused.</summary>
public abstract class MediaBatchTests(string backend) : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Requesters:0"] = RequesterId.ToString() })
{
    // The first user a fresh emulator makes.
    private const long RequesterId = 100001;
    private Player requester = null!;
    private long projectId;

    protected override async Task StartedAsync()
    {
        requester = await Bot.WorkerAsync("Rini");
        var owner = (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
        projectId = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Pictures", "Pick one", AnswerKind.SingleChoice, ["cat", "dog"], "{{image:photo}}\n<b>{{text}}</b>", 100, 3, TimeSpan.FromMinutes(5), owner, GoldPercent: 0),
            [],
            ProjectState.Active);
    }

    [Fact]
    public async Task A_zip_of_a_table_and_its_pictures_is_imported_on_Import_and_its_pictures_reach_workers()
    {
        var zip = Zip(
            ("batch/tasks.csv", Encoding.UTF8.GetBytes("photo,text\nimages/a.png,first\nimages/b.png,second\n")),
            ("batch/images/a.png", SampleMedia.Png(30, 20)),
            ("batch/images/b.png", SampleMedia.Png(31, 20)));

        var report = await UploadAsync("pictures.zip", zip);

        Assert.Contains("Rows accepted: 2", report.PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM tasks"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM media_blobs"));

        await requester.PressAsync(report, report.Keyboard[0][0].CallbackData!);

        Assert.Contains("Imported 2 tasks", requester.Message(report.MessageId).PlainText);
        Assert.Equal(2, await Bot.ScalarAsync("SELECT COUNT(*) FROM tasks"));
        Assert.Equal(2, await Bot.ScalarAsync("SELECT COUNT(*) FROM media_blobs"));
        var worker = await Bot.WorkerAsync("Ayu");
        var task = await worker.SendAsync("/task");
        Assert.Equal(new ImageSize(30, 20), task.Photo);
        Assert.Contains("first", task.PlainText);
    }

    [Fact]
    public async Task A_zip_with_a_path_outside_its_folder_is_refused_whole()
    {
        var zip = Zip(("tasks.csv", Encoding.UTF8.GetBytes("photo,text\na.png,first\n")), ("a.png", SampleMedia.Png(10, 10)), ("../evil.png", SampleMedia.Png(10, 10)));

        var reply = await UploadAsync("evil.zip", zip);

        Assert.Contains("the ZIP holds paths outside its folder: ../evil.png", reply.PlainText);
        Assert.Empty(reply.Keyboard);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM batches"));
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_whole_in_the_requesters_language_and_nothing_is_kept()
    {
        await Bot.Get<WorkerStore>().SetLanguageAsync((await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id, "id");
        var zip = Zip(("tasks.csv", Encoding.UTF8.GetBytes("photo,text\na.png,first\n")), ("a.png", [.. SampleMedia.Png(10, 10), .. new byte[40 * 1024 * 1024]]));
        Assert.True(zip.Length < 1024 * 1024);

        var reply = await UploadAsync("bomb.zip", zip);

        Assert.Contains("a.png mengembang jauh melebihi ukuran terkompresinya; ZIP ditolak", reply.PlainText);
        Assert.Empty(reply.Keyboard);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM batches"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM media_blobs"));
    }

    [Fact]
    public async Task Rows_naming_a_missing_file_or_an_executable_called_jpg_are_rejected_and_nothing_is_imported()
    {
        byte[] executable = [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0, .. new byte[64]];
        var zip = Zip(("tasks.csv", Encoding.UTF8.GetBytes("photo,text\nmissing.png,first\nphoto.jpg,second\n")), ("photo.jpg", executable));

        var reply = await UploadAsync("bad.zip", zip);

        Assert.Contains("line 2: photo: “missing.png” is not in the ZIP", reply.PlainText);
        Assert.Contains("line 3: photo: “photo.jpg” is not a JPEG, PNG, GIF or WebP image", reply.PlainText);
        Assert.Contains("No row can be imported", reply.PlainText);
        Assert.Empty(reply.Keyboard);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM tasks"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM media_blobs"));
    }

    [Fact]
    public async Task A_url_telegram_refuses_is_reported_with_the_line_of_the_file_it_came_from()
    {
        var csv = "photo,text\nhttps://127.0.0.1:9/a.png,first\n\nhttps://127.0.0.1:9/b.png,second\n";
        var report = await UploadAsync("links.csv", Encoding.UTF8.GetBytes(csv), "text/csv");
        await requester.PressAsync(report, report.Keyboard[0][0].CallbackData!);
        var worker = await Bot.WorkerAsync("Ayu");

        await worker.SendAsync("/task");

        var told = requester.BotMessages().Where(m => m.PlainText.Contains("taken out of the pool")).Select(m => m.PlainText).ToList();
        Assert.Equal(2, told.Count);
        Assert.Contains(told, t => t.Contains("from line 2 of links.csv,", StringComparison.Ordinal) && t.Contains("a.png", StringComparison.Ordinal));
        Assert.Contains(told, t => t.Contains("from line 4 of links.csv,", StringComparison.Ordinal) && t.Contains("b.png", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_wizard_explains_media_asks_again_for_a_voice_note_beside_a_photo_and_previews_the_photo()
    {
        await Bot.Get<LedgerStore>().TopupAsync((await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id, 5_000);
        await requester.SendAsync("/newproject");
        foreach (var answer in new[] { "Animals", "Pick one", "1" })
        {
            await requester.SendAsync(answer);
        }

        var question = await requester.SendAsync("cat\ndog");
        Assert.Contains("{{image:photo}}", question.PlainText);
        Assert.Contains("album", question.PlainText);

        var refused = await requester.SendAsync("{{image:a}}\n{{voice:b}}");
        Assert.Contains("a voice note goes alone: the media at character 13 cannot join it", refused.PlainText);

        foreach (var answer in new[] { "{{image:photo}}\n<b>{{text}}</b>", "100", "20s", "3", "5m", "none", "default", "1000" })
        {
            await requester.SendAsync(answer);
        }

        var preview = requester.BotMessages()[^2];
        Assert.NotNull(preview.Photo);
        Assert.Contains("«text»", preview.PlainText);
        Assert.Equal(["cat", "dog"], preview.Keyboard[0].Select(b => b.Text));
        Assert.Contains("exactly as workers will see it", requester.Last().PlainText);
    }

    [Fact]
    public async Task A_zip_sent_through_the_api_gets_the_same_report_and_its_pictures_are_imported_with_it()
    {
        using var http = Api.ApiClient.For(Bot, await Api.ApiClient.NewTokenAsync(requester, "media"));
        var zip = Zip(("tasks.csv", Encoding.UTF8.GetBytes("photo,text\na.png,first\nmissing.png,second\n")), ("a.png", SampleMedia.Png(30, 20)));
        using var body = new ByteArrayContent(zip);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/zip");

        var uploaded = await http.PostAsync($"projects/{projectId}/batches", body);

        Assert.Equal(System.Net.HttpStatusCode.Created, uploaded.StatusCode);
        var report = await Api.ApiClient.JsonAsync(uploaded);
        Assert.Equal(1, report.GetProperty("accepted").GetInt32());
        Assert.Equal("MissingFile", report.GetProperty("rejected")[0].GetProperty("code").GetString());
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM media_blobs"));

        var imported = await http.PostAsync($"batches/{report.GetProperty("id").GetInt64()}/import", null);

        Assert.Equal(System.Net.HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM tasks"));
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM media_blobs"));
        var task = await (await Bot.WorkerAsync("Ayu")).SendAsync("/task");
        Assert.Equal(new ImageSize(30, 20), task.Photo);
    }

    private static byte[] Zip(params (string Path, byte[] Content)[] files)
    {
        using var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in files)
            {
                using var entry = zip.CreateEntry(path).Open();
                entry.Write(content);
            }
        }

        return bytes.ToArray();
    }

    private async Task<ChatMessage> UploadAsync(string name, byte[] content, string type = "application/zip")
    {
        var update = Bot.Emulator.SendDocument(requester.Id, name, content, type, caption: $"#{projectId}");
        await Bot.Emulator.WaitUntilConfirmedAsync(update, TimeSpan.FromSeconds(15));
        return requester.Last();
    }
}

public sealed class EmbeddedMediaBatchTests() : MediaBatchTests("Embedded");

public sealed class PostgresMediaBatchTests() : MediaBatchTests("Postgres");
