using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Microtask.Core;
using Telegram.Bot;
using Microtask.Sandbox;
using static Microtask.Bot.Tests.Workers.AnswerKindFixtures;

namespace Microtask.Bot.Tests.Workers;

/// <summary>
/// Voice and photo answers: the wizard's bounds, what is stored (the file id, never the bytes), every refusal of the
/// wrong thing sent, and the results that name each file by task and pseudonym, down to the ZIP of the files.
/// </summary>
public abstract class MediaAnswerTests(string backend) : BotTest(backend, WithSmallUploads())
{
    /// <summary>So small that two 1,000-byte voice notes cannot share one ZIP part, while one fits with its headers.</summary>
    private const int UploadLimit = 2000;

    private Player requester = null!;

    protected override async Task StartedAsync() => requester = await Bot.WorkerAsync("Rini", "en");

    private static Dictionary<string, string?> WithSmallUploads()
    {
        var settings = AnswerKindFixtures.Settings;
        settings["Telegram:UploadLimitBytes"] = UploadLimit.ToString(CultureInfo.InvariantCulture);
        return settings;
    }

    [Fact]
    public async Task The_wizard_asks_a_voice_project_for_its_bounds_and_the_task_names_them()
    {
        await requester.SendAsync("/newproject");
        await requester.SendAsync("Read aloud");
        await requester.SendAsync("Read the sentence aloud, clearly");
        Assert.Contains("How long may it be", (await requester.SendAsync("8")).PlainText);
        Assert.Contains("like 1-30", (await requester.SendAsync("0-30")).PlainText);
        Assert.Contains("like 1-30", (await requester.SendAsync("20-10")).PlainText);
        await requester.SendAsync("2-20");
        foreach (var answer in new[] { "{{sentence}}", "0", "20s", "3", "5m", "none", "default", "0" })
        {
            await requester.SendAsync(answer);
        }

        Assert.Contains("Reply with a voice note of 2 to 20 seconds", requester.BotMessages()[^2].PlainText);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM projects WHERE kind = 'Voice' AND answer_settings LIKE '%\"MinVoiceSeconds\":2,\"MaxVoiceSeconds\":20%'"));
    }

    [Fact]
    public async Task A_voice_note_within_the_bounds_is_stored_as_its_file_id_and_length()
    {
        var id = await VoiceProjectAsync(tasks: 1);
        var worker = await Bot.WorkerAsync("Ayu");
        var task = await worker.SendAsync("/task");
        Assert.Contains("Reply with a voice note of 1 to 30 seconds", task.PlainText);

        await worker.AfterAsync(Bot, Bot.Emulator.SendVoice(worker.Id, SampleMedia.OggOpus(5)));

        Assert.Contains("Saved: 🎤 voice note, 5 s", worker.Message(task.MessageId).PlainText);
        var stored = MediaAnswer.Read(await ValueAsync(id))!;
        Assert.Equal(5, stored.Seconds);
        Assert.Equal(SampleMedia.OggOpus(5).Length, stored.Bytes);
        Assert.Equal(SampleMedia.OggOpus(5), await DownloadAsync(stored.FileId));
    }

    [Fact]
    public async Task A_voice_note_outside_the_bounds_or_anything_but_a_voice_note_is_refused_and_nothing_is_stored()
    {
        var id = await VoiceProjectAsync(tasks: 1);
        var worker = await Bot.WorkerAsync("Ayu");
        await worker.SendAsync("/task");

        Assert.Contains("This voice note is 0 s long; this task needs 1 to 30 seconds", (await worker.AfterAsync(Bot, Bot.Emulator.SendVoice(worker.Id, [1, 2, 3], durationSeconds: 0))).PlainText);
        Assert.Contains("This voice note is 600 s long; this task needs 1 to 30 seconds. Please record a shorter one.",
            (await worker.AfterAsync(Bot, Bot.Emulator.SendVoice(worker.Id, [1, 2, 3], durationSeconds: 600))).PlainText);
        const string wantVoice = "This task is answered with a voice note";
        Assert.Contains(wantVoice, (await worker.AfterAsync(Bot, Bot.Emulator.SendSticker(worker.Id, [1, 2, 3]))).PlainText);
        Assert.Contains(wantVoice, (await worker.AfterAsync(Bot, Bot.Emulator.SendAudio(worker.Id, "take.mp3", [1, 2, 3], durationSeconds: 5))).PlainText);
        Assert.Contains(wantVoice, (await worker.AfterAsync(Bot, Bot.Emulator.SendDocument(worker.Id, "take.ogg", [1, 2, 3], "audio/ogg"))).PlainText);
        Assert.Contains(wantVoice, (await worker.AfterAsync(Bot, Bot.Emulator.SendPhoto(worker.Id, SampleMedia.Png(4, 4)))).PlainText);
        Assert.Contains(wantVoice, (await worker.SendAsync("I read it")).PlainText);
        Assert.Equal(0, await AnswersAsync(id));
    }

    [Fact]
    public async Task A_voice_note_with_no_live_task_is_not_stored_and_the_worker_is_told_how_to_get_one()
    {
        var id = await VoiceProjectAsync(tasks: 1);
        var worker = await Bot.WorkerAsync("Ayu");

        var reply = await worker.AfterAsync(Bot, Bot.Emulator.SendVoice(worker.Id, SampleMedia.OggOpus(3)));

        Assert.Contains("You have no open task, so this was not saved", reply.PlainText);
        Assert.Equal("Next task", Assert.Single(reply.Keyboard.SelectMany(r => r)).Text.Trim('▶', '️', ' '));
        Assert.Equal(0, await AnswersAsync(id));
    }

    [Fact]
    public async Task A_photo_answers_a_photo_task_and_a_photo_sent_to_a_choice_task_is_refused()
    {
        var photos = await ProjectAsync(Bot, requester, AnswerKind.Photo, "Photograph {{what}}", [Row(("what", "the price tag"))], overlap: 1);
        var worker = await Bot.WorkerAsync("Ayu");
        var task = await worker.SendAsync("/task");
        Assert.Contains("Reply with a photo", task.PlainText);
        Assert.Contains("answered with a photo", (await worker.AfterAsync(Bot, Bot.Emulator.SendVoice(worker.Id, SampleMedia.OggOpus(3)))).PlainText);
        var png = SampleMedia.Png(32, 24);

        await worker.AfterAsync(Bot, Bot.Emulator.SendPhoto(worker.Id, png));

        Assert.Contains("Saved: 📷 photo", worker.Message(task.MessageId).PlainText);
        var stored = MediaAnswer.Read(await ValueAsync(photos))!;
        Assert.Equal(((long?)png.Length, (int?)null), (stored.Bytes, stored.Seconds));
        Assert.Equal(png, await DownloadAsync(stored.FileId));

        var choice = await ProjectAsync(Bot, requester, AnswerKind.MultipleChoice, "{{text}}", [Row(("text", "a flag"))], ["red", "blue"]);
        var other = await Bot.WorkerAsync("Budi");
        await other.SendAsync("/task");
        Assert.Contains("answered with the buttons under it", (await other.AfterAsync(Bot, Bot.Emulator.SendPhoto(other.Id, png))).PlainText);
        Assert.Equal(0, await AnswersAsync(choice));
    }

    [Fact]
    public async Task Results_name_each_file_by_task_and_pseudonym_and_media_comes_as_zip_parts_under_the_upload_limit()
    {
        var id = await VoiceProjectAsync(tasks: 2, overlap: 1);
        var worker = await Bot.WorkerAsync("Ayu");
        var sent = new List<byte[]>();
        await worker.SendAsync("/task");
        for (var i = 0; i < 2; i++)
        {
            var voice = Enumerable.Repeat((byte)('a' + i), 1000).ToArray();
            sent.Add(voice);
            await worker.AfterAsync(Bot, Bot.Emulator.SendVoice(worker.Id, voice, durationSeconds: 4 + i));
        }

        var csv = Csv(Bot, requester, await requester.SendAsync($"/results {id}"));
        Assert.Equal(["task_id", "sentence", "answers", "files", "seconds", "raw_answers"], csv[0]);
        var names = csv.Skip(1).Select(r => r[3]).ToList();
        var pseudonym = Regex.Match(names[0], "^task-[0-9]+-(w[0-9a-f]{10})\\.ogg$").Groups[1].Value;
        Assert.NotEmpty(pseudonym);
        Assert.Equal(csv.Skip(1).Select(r => $"task-{r[0]}-{pseudonym}.ogg"), names);
        Assert.Equal(["4", "5"], csv.Skip(1).Select(r => r[4]));
        Assert.Equal($"{pseudonym}:{names[0]}", csv[1][5]);
        Assert.DoesNotContain(csv.SelectMany(r => r), cell => cell.Contains(worker.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var last = await requester.SendAsync($"/results {id} media");

        var parts = requester.BotMessages().Where(m => m.DocumentFileName?.EndsWith(".zip", StringComparison.Ordinal) == true).ToList();
        Assert.Equal([$"project-{id}-media-1.zip", $"project-{id}-media-2.zip"], parts.Select(p => p.DocumentFileName));
        Assert.Equal(last.MessageId, parts[^1].MessageId);
        var entries = parts.SelectMany(p => Entries(Bot.Emulator.DownloadDocument(requester.Id, p.MessageId)!)).ToList();
        Assert.Equal(names, entries.Select(e => e.Name));
        Assert.Equal(sent, entries.Select(e => e.Content));
        Assert.All(parts, p => Assert.True(Bot.Emulator.DownloadDocument(requester.Id, p.MessageId)!.Length <= UploadLimit));
        Assert.Contains("part 2: 1 files", parts[1].Caption);
    }

    [Fact]
    public async Task Media_of_a_project_without_voice_or_photo_answers_is_explained()
    {
        var choice = await ProjectAsync(Bot, requester, AnswerKind.Pairwise, "{{a}} {{b}}", [Row(("a", "x"), ("b", "y"))]);
        Assert.Contains("for the voice notes or photos of a voice or photo project", (await requester.SendAsync($"/results {choice} media")).PlainText);
        var voice = await VoiceProjectAsync(tasks: 1);
        Assert.Contains($"Project #{voice} has no voice or photo answers yet.", (await requester.SendAsync($"/results {voice} media")).PlainText);
    }

    private Task<long> VoiceProjectAsync(int tasks, int overlap = 3) => ProjectAsync(
        Bot, requester, AnswerKind.Voice, "Read aloud: {{sentence}}",
        Enumerable.Range(1, tasks).Select(i => Row(("sentence", $"sentence {i}"))).ToList(), overlap: overlap);

    private static List<(string Name, byte[] Content)> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.Select(e =>
        {
            using var content = new MemoryStream();
            using (var stream = e.Open())
            {
                stream.CopyTo(content);
            }

            return (e.FullName, content.ToArray());
        }).ToList();
    }

    private async Task<byte[]> DownloadAsync(string fileId)
    {
        var bot = Bot.Get<ITelegramBotClient>();
        using var content = new MemoryStream();
        await bot.DownloadFile((await bot.GetFile(fileId)).FilePath!, content);
        return content.ToArray();
    }

    private Task<long> AnswersAsync(long projectId) => Bot.ScalarAsync($"SELECT COUNT(*) FROM answers WHERE project_id = {projectId}");

    private async Task<string> ValueAsync(long projectId)
    {
        await using var c = await Bot.Get<Microtask.Storage.IDatabase>().OpenAsync(CancellationToken.None);
        return (await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, $"SELECT value FROM answers WHERE project_id = {projectId}"))!;
    }
}

public sealed class EmbeddedMediaAnswerTests() : MediaAnswerTests("Embedded");

public sealed class PostgresMediaAnswerTests() : MediaAnswerTests("Postgres");
