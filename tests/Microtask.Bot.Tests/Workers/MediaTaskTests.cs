using System.Security.Cryptography;
using Microtask.Bot.Workers;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Workers;

/// <summary>Tasks with media fields go out as photos (or albums) with their text, reuse Telegram's file_id, and are edited in place.</summary>
public abstract class MediaTaskTests(string backend) : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Requesters:0"] = RequesterId.ToString() })
{
    // The first user a fresh emulator makes.
    private const long RequesterId = 100001;
    private Player requester = null!;
    private long owner;

    protected override async Task StartedAsync()
    {
        requester = await Bot.WorkerAsync("Rini");
        owner = (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
    }

    [Fact]
    public async Task A_photo_task_goes_as_a_photo_with_its_text_as_caption_and_the_second_send_reuses_the_file_id()
    {
        var photo = await BlobAsync(SampleMedia.Png(40, 30));
        await ProjectAsync("{{image:photo}}\nWhat is in the picture?", [new() { ["photo"] = photo }]);

        var first = await Bot.WorkerAsync("Ayu");
        var task = await first.SendAsync("/task");

        Assert.Equal(new ImageSize(40, 30), task.Photo);
        Assert.Contains("What is in the picture?", task.Caption);
        Assert.Equal(["cat", "dog"], task.Keyboard[0].Select(b => b.Text));
        Assert.Equal(1, Bot.Emulator.FilesGiven(FileSource.Upload));

        var second = await Bot.WorkerAsync("Budi");
        var again = await second.SendAsync("/task");

        Assert.NotNull(again.Photo);
        Assert.Equal(1, Bot.Emulator.FilesGiven(FileSource.Upload));
        Assert.Equal(1, Bot.Emulator.FilesGiven(FileSource.FileId));
        Assert.Equal(Bot.Emulator.DocumentFileId(first.Id, task.MessageId), Bot.Emulator.DocumentFileId(second.Id, again.MessageId));
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM media_files"));
    }

    [Fact]
    public async Task A_text_over_the_caption_limit_goes_after_the_photo_with_the_buttons()
    {
        var photo = await BlobAsync(SampleMedia.Png(20, 20));
        var text = new string('x', 1100);
        await ProjectAsync("{{image:photo}}\n{{text}}", [new() { ["photo"] = photo, ["text"] = text }]);
        var worker = await Bot.WorkerAsync("Ayu");

        var task = await worker.SendAsync("/task");

        var media = worker.BotMessages()[^2];
        Assert.NotNull(media.Photo);
        Assert.Null(media.Caption);
        Assert.Empty(media.Keyboard);
        Assert.Null(task.Photo);
        Assert.Contains(text, task.PlainText);
        Assert.Equal(["cat", "dog"], task.Keyboard[0].Select(b => b.Text));

        await worker.AnswerAsync(task);
        Assert.Contains("Saved: cat", worker.Message(task.MessageId).PlainText);
    }

    [Fact]
    public async Task Three_images_go_as_an_album_then_the_message_with_the_buttons()
    {
        var (a, b, c) = (await BlobAsync(SampleMedia.Png(10, 10)), await BlobAsync(SampleMedia.Png(11, 10)), await BlobAsync(SampleMedia.Png(12, 10)));
        await ProjectAsync("{{image:a}}\n{{image:b}}\n{{image:c}}\nWhich one is widest?", [new() { ["a"] = a, ["b"] = b, ["c"] = c }]);
        var worker = await Bot.WorkerAsync("Ayu");

        var task = await worker.SendAsync("/task");

        var album = worker.BotMessages().Where(m => m.Photo is not null).ToList();
        Assert.Equal([10, 11, 12], album.Select(m => m.Photo!.Width));
        Assert.Single(album.Select(m => m.MediaGroupId).Distinct());
        Assert.NotNull(album[0].MediaGroupId);
        Assert.Contains("Which one is widest?", task.Text);
        Assert.Equal(["cat", "dog"], task.Keyboard[0].Select(b => b.Text));
        Assert.Equal(1, Bot.Emulator.RequestCount("sendMediaGroup"));
    }

    [Fact]
    public async Task A_press_under_an_albums_older_message_is_refused_and_nothing_is_stored()
    {
        var (a, b) = (await BlobAsync(SampleMedia.Png(10, 10)), await BlobAsync(SampleMedia.Png(11, 10)));
        await ProjectAsync("{{image:a}}\n{{image:b}}\nWhich one is wider?", [new() { ["a"] = a, ["b"] = b }]);
        var worker = await Bot.WorkerAsync("Ayu");
        var first = await worker.SendAsync("/task");
        var again = await worker.SendAsync("/task");
        Assert.NotEqual(first.MessageId, again.MessageId);
        Assert.Empty(worker.Message(first.MessageId).Keyboard);

        await worker.ForgeAsync(first.MessageId, first.Keyboard[0][0].CallbackData!);

        Assert.Equal("This button is no longer valid.", worker.LastToast());
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
        Assert.NotEmpty(worker.Message(again.MessageId).Keyboard);

        await worker.AnswerAsync(again, 1);
        Assert.Contains("Saved: dog", worker.Message(again.MessageId).PlainText);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
    }

    [Fact]
    public async Task An_answered_and_an_expired_photo_task_have_their_captions_edited()
    {
        var photo = await BlobAsync(SampleMedia.Png(20, 20));
        await ProjectAsync("{{image:photo}}\n{{text}}", [new() { ["photo"] = photo, ["text"] = "one" }, new() { ["photo"] = photo, ["text"] = "two" }]);
        var worker = await Bot.WorkerAsync("Ayu");
        var first = await worker.SendAsync("/task");
        var textEdits = Bot.Emulator.RequestCount("editMessageText");

        await worker.AnswerAsync(first, 1);

        var answered = worker.Message(first.MessageId);
        Assert.NotNull(answered.Photo);
        Assert.Contains("Saved: dog", answered.PlainText);
        Assert.Empty(answered.Keyboard);
        var second = worker.Last();
        Assert.NotNull(second.Photo);

        Bot.Time.Advance(TimeSpan.FromMinutes(6));
        await Bot.Get<LeaseTickJob>().RunAsync();

        var expired = worker.Message(second.MessageId);
        Assert.Contains("Time is up for this task", expired.PlainText);
        Assert.Equal("▶️ Next task", Assert.Single(Assert.Single(expired.Keyboard)).Text);
        Assert.True(Bot.Emulator.RequestCount("editMessageCaption") >= 2);
        Assert.Equal(textEdits, Bot.Emulator.RequestCount("editMessageText"));
    }

    [Fact]
    public async Task An_unreachable_url_takes_the_task_out_tells_the_requester_once_and_the_worker_gets_the_next_task()
    {
        var good = await BlobAsync(SampleMedia.Png(20, 20));
        const string broken = "https://127.0.0.1:9/missing.png";
        var project = await ProjectAsync("{{image:photo}}\n{{text}}", [new() { ["photo"] = broken, ["text"] = "broken" }, new() { ["photo"] = good, ["text"] = "fine" }]);
        var worker = await Bot.WorkerAsync("Ayu");

        var task = await worker.SendAsync("/task");

        Assert.NotNull(task.Photo);
        Assert.Contains("fine", task.PlainText);
        Assert.DoesNotContain(worker.BotMessages(), m => m.PlainText.Contains("could not be shown"));
        var told = requester.BotMessages().Where(m => m.PlainText.Contains("taken out of the pool")).ToList();
        Assert.Contains(broken, Assert.Single(told).PlainText);
        Assert.Contains($"#{project}", told[0].PlainText);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM tasks WHERE overlap = answers + leases AND fields LIKE '%broken%'"));

        var other = await Bot.WorkerAsync("Budi");
        await other.SendAsync("/task");
        Assert.Single(requester.BotMessages(), m => m.PlainText.Contains("taken out of the pool"));
        Assert.Equal(1, Bot.Emulator.FilesGiven(FileSource.Url));
    }

    private async Task<string> BlobAsync(byte[] png)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(png));
        await Bot.Get<MediaStore>().AddBlobsAsync([new MediaBlob(sha, "image/png", sha[..12] + ".png", png)]);
        return "sha256:" + sha;
    }

    private Task<long> ProjectAsync(string template, IReadOnlyList<Dictionary<string, string>> tasks) =>
        Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Pictures", "Look closely", AnswerKind.SingleChoice, ["cat", "dog"], template, 100, 3, TimeSpan.FromMinutes(5), owner, GoldPercent: 0),
            tasks.Select(t => new NewTask(t)).ToList(),
            ProjectState.Active);
}

public sealed class EmbeddedMediaTaskTests() : MediaTaskTests("Embedded");

public sealed class PostgresMediaTaskTests() : MediaTaskTests("Postgres");
