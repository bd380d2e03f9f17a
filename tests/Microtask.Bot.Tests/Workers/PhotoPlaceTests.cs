using System.Globalization;
using System.Text;
using System.Text.Json;
using Microtask.Core;
using Microtask.Sandbox;
using static Microtask.Bot.Tests.Workers.AnswerKindFixtures;

namespace Microtask.Bot.Tests.Workers;

/// <summary>
/// A photo project that asks where each photo was taken: the wizard's switch, the location asked with a reply keyboard
/// after the photo and stored with the answer, the keyboard taken away, the optional place skipped, every location that
/// is not asked or not current refused, and the place in the results.
/// </summary>
public abstract class PhotoPlaceTests(string backend) : BotTest(backend, AnswerKindFixtures.Settings)
{
    private const double Latitude = -6.2;
    private const double Longitude = 106.816666;
    private Player requester = null!;

    protected override async Task StartedAsync() => requester = await Bot.WorkerAsync("Rini", "en");

    [Fact]
    public async Task The_wizard_asks_a_photo_project_whether_the_place_is_wanted_and_the_task_says_so()
    {
        await requester.SendAsync("/newproject");
        await requester.SendAsync("Price tags");
        await requester.SendAsync("Photograph the price tag");
        var question = await requester.SendAsync("9");
        Assert.Contains("where they took it", question.PlainText);
        Assert.Equal(["No", "Optional", "Required"], question.Keyboard[0].Select(b => b.Text));
        Assert.Contains("write no, optional or required", (await requester.SendAsync("maybe")).PlainText);
        await requester.PressAsync(question, question.Keyboard[0][2].CallbackData!);
        foreach (var answer in new[] { "{{shop}}", "0", "20s", "3", "5m", "none", "default", "0" })
        {
            await requester.SendAsync(answer);
        }

        Assert.Contains("Then share where you took it", requester.BotMessages()[^2].PlainText);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM projects WHERE kind = 'Photo' AND answer_settings LIKE '%\"PhotoLocation\":\"Required\"%'"));
    }

    [Fact]
    public async Task A_required_place_is_asked_after_the_photo_stored_with_it_and_the_keyboard_goes()
    {
        var id = await PhotoProjectAsync(PhotoLocation.Required);
        var worker = await Bot.WorkerAsync("Ayu");
        var task = await worker.SendAsync("/task");
        Assert.Contains("Then share where you took it", task.PlainText);

        var ask = await worker.AfterAsync(Bot, Bot.Emulator.SendPhoto(worker.Id, SampleMedia.Png(32, 24)));

        Assert.Contains("Now share where you took it", ask.PlainText);
        var keyboard = Assert.Single(Assert.Single(Bot.Emulator.ReplyKeyboard(worker.Id)!));
        Assert.Equal(new ReplyButton("📍 Send my location", RequestLocation: true), keyboard);
        Assert.Equal(0, await AnswersAsync(id));
        Assert.Contains("Now share where you took it", (await worker.SendAsync("Save without location")).PlainText);
        Assert.Equal(0, await AnswersAsync(id));

        await worker.AfterAsync(Bot, Bot.Emulator.SendLocation(worker.Id, Latitude, Longitude));

        Assert.Contains(worker.BotMessages(), m => m.PlainText == "📍 Location received." && m.RemovesReplyKeyboard);
        Assert.Null(Bot.Emulator.ReplyKeyboard(worker.Id));
        Assert.Contains("Saved: 📷 photo, 📍 -6.2, 106.81667", worker.Message(task.MessageId).PlainText);
        var stored = MediaAnswer.Read(await ValueAsync(id))!;
        Assert.Equal((Latitude, Longitude), (stored.Latitude, stored.Longitude));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM photos_awaiting_place"));

        var csv = Csv(Bot, requester, await requester.SendAsync($"/results {id}"));
        Assert.Equal(["task_id", "shop", "answers", "files", "bytes", "latitude", "longitude", "raw_answers"], csv[0]);
        Assert.Equal(("-6.2", "106.816666"), (Cell(csv, 1, "latitude"), Cell(csv, 1, "longitude")));
        var line = JsonDocument.Parse(await JsonlAsync(id)).RootElement.GetProperty("raw_answers")[0];
        Assert.Equal((Latitude, Longitude), (line.GetProperty("latitude").GetDouble(), line.GetProperty("longitude").GetDouble()));
        Assert.Equal(Cell(csv, 1, "files"), line.GetProperty("file").GetString());
    }

    [Fact]
    public async Task An_optional_place_may_be_skipped_with_its_button_and_the_keyboard_goes()
    {
        var id = await PhotoProjectAsync(PhotoLocation.Optional, tasks: 2);
        var worker = await Bot.WorkerAsync("Ayu", "id");
        var task = await worker.SendAsync("/task");
        Assert.Contains("Lalu Anda boleh membagikan", task.PlainText);

        await worker.AfterAsync(Bot, Bot.Emulator.SendPhoto(worker.Id, SampleMedia.Png(32, 24)));
        var keyboard = Bot.Emulator.ReplyKeyboard(worker.Id)!;
        Assert.Equal(["📍 Kirim lokasi saya", "Simpan tanpa lokasi"], keyboard.Select(row => Assert.Single(row).Text));

        await worker.SendAsync("Simpan tanpa lokasi");

        Assert.Contains(worker.BotMessages(), m => m.PlainText == "Foto disimpan tanpa lokasi." && m.RemovesReplyKeyboard);
        Assert.Null(Bot.Emulator.ReplyKeyboard(worker.Id));
        var stored = MediaAnswer.Read(await ValueAsync(id))!;
        Assert.Equal(((double?)null, (double?)null), (stored.Latitude, stored.Longitude));
        Assert.Contains("Tersimpan: 📷 foto", worker.Message(task.MessageId).PlainText);
        var csv = Csv(Bot, requester, await requester.SendAsync($"/results {id}"));
        Assert.Equal(("", ""), (Cell(csv, 1, "latitude"), Cell(csv, 1, "longitude")));
    }

    [Fact]
    public async Task A_location_nothing_asks_for_is_refused_and_takes_any_keyboard_away()
    {
        var plain = await PhotoProjectAsync(PhotoLocation.None);
        var worker = await Bot.WorkerAsync("Ayu");

        var noTask = await worker.AfterAsync(Bot, Bot.Emulator.SendLocation(worker.Id, Latitude, Longitude));
        Assert.Contains("No task of yours asks for a location now", noTask.PlainText);
        Assert.True(noTask.RemovesReplyKeyboard);

        await worker.SendAsync("/task");
        Assert.Contains("No task of yours asks for a location now", (await worker.AfterAsync(Bot, Bot.Emulator.SendLocation(worker.Id, Latitude, Longitude))).PlainText);
        await worker.AfterAsync(Bot, Bot.Emulator.SendPhoto(worker.Id, SampleMedia.Png(8, 8)));
        Assert.Null(MediaAnswer.Read(await ValueAsync(plain))!.Latitude);
        Assert.Null(Bot.Emulator.ReplyKeyboard(worker.Id));
    }

    [Fact]
    public async Task A_location_before_the_photo_forwarded_older_than_it_or_off_the_map_is_refused_and_nothing_is_stored()
    {
        var id = await PhotoProjectAsync(PhotoLocation.Required);
        var worker = await Bot.WorkerAsync("Ayu");
        await worker.SendAsync("/task");

        Assert.Contains("Send the photo first", (await worker.AfterAsync(Bot, Bot.Emulator.SendLocation(worker.Id, Latitude, Longitude))).PlainText);
        var before = worker.Last().MessageId;
        await worker.AfterAsync(Bot, Bot.Emulator.SendPhoto(worker.Id, SampleMedia.Png(32, 24)));

        const string notCurrent = "This location is not where you are now";
        Assert.Contains(notCurrent, (await ForgedLocationAsync(worker, before, Latitude, Longitude)).PlainText);
        Assert.Contains(notCurrent, (await ForgedLocationAsync(worker, worker.Last().MessageId + 1, Latitude, Longitude, forwarded: true)).PlainText);
        Assert.Contains("no place on Earth", (await ForgedLocationAsync(worker, worker.Last().MessageId + 1, 200, Longitude)).PlainText);
        Assert.Equal(0, await AnswersAsync(id));
        Assert.NotNull(Bot.Emulator.ReplyKeyboard(worker.Id)); // still asked: the right location can follow

        await worker.AfterAsync(Bot, Bot.Emulator.SendLocation(worker.Id, Latitude, Longitude));
        Assert.Equal(1, await AnswersAsync(id));
    }

    private Task<long> PhotoProjectAsync(PhotoLocation place, int tasks = 1) => ProjectAsync(
        Bot, requester, AnswerKind.Photo, "Photograph the price tag at {{shop}}",
        Enumerable.Range(1, tasks).Select(i => Row(("shop", $"shop {i}"))).ToList(), settings: new AnswerSettings { PhotoLocation = place }, overlap: 1);

    /// <summary>A location message as a forged or redelivered update can state it: any message id, forwarded or not.</summary>
    private async Task<ChatMessage> ForgedLocationAsync(Player worker, long messageId, double latitude, double longitude, bool forwarded = false)
    {
        var message = new Dictionary<string, object>
        {
            ["message_id"] = messageId,
            ["from"] = new Dictionary<string, object> { ["id"] = worker.Id, ["is_bot"] = false, ["first_name"] = "Ayu" },
            ["chat"] = new Dictionary<string, object> { ["id"] = worker.Id, ["type"] = "private", ["first_name"] = "Ayu" },
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["location"] = new Dictionary<string, object> { ["latitude"] = latitude, ["longitude"] = longitude },
        };
        if (forwarded)
        {
            message["forward_origin"] = new Dictionary<string, object> { ["type"] = "hidden_user", ["sender_user_name"] = "Someone", ["date"] = 1 };
        }

        var before = worker.BotMessages().Count;
        await Bot.Emulator.WaitUntilConfirmedAsync(Bot.Emulator.InjectRawUpdate(JsonSerializer.Serialize(new Dictionary<string, object> { ["message"] = message })), TimeSpan.FromSeconds(15));
        Assert.Equal(before + 1, worker.BotMessages().Count);
        return worker.Last();
    }

    private async Task<string> JsonlAsync(long projectId)
    {
        var document = await requester.SendAsync($"/results {projectId} jsonl");
        return Encoding.UTF8.GetString(Bot.Emulator.DownloadDocument(requester.Id, document.MessageId)!).Trim();
    }

    private Task<long> AnswersAsync(long projectId) => Bot.ScalarAsync($"SELECT COUNT(*) FROM answers WHERE project_id = {projectId}");

    private async Task<string> ValueAsync(long projectId)
    {
        await using var c = await Bot.Get<Microtask.Storage.IDatabase>().OpenAsync(CancellationToken.None);
        return (await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, $"SELECT value FROM answers WHERE project_id = {projectId}"))!;
    }
}

public sealed class EmbeddedPhotoPlaceTests() : PhotoPlaceTests("Embedded");

public sealed class PostgresPhotoPlaceTests() : PhotoPlaceTests("Postgres");
