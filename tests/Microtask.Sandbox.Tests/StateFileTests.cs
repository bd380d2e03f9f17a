using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Microtask.Sandbox.Tests;

/// <summary>With a state file the emulator resumes after a restart where it stopped; without one it keeps nothing.</summary>
public sealed class StateFileTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "microtask-sandbox-state", Guid.NewGuid().ToString("N"));
    private readonly HttpClient http = new();

    private EmulatorOptions Options => new() { StatePath = Path.Combine(directory, "data", "microtask.sandbox.db") };

    [Fact]
    public async Task A_restart_resumes_the_same_users_chats_ids_files_menus_and_unconfirmed_updates()
    {
        SandboxUser ayu, budi;
        string transcript, fileId;
        long lastUpdate, lastMessage;
        await using (var first = await BotApiEmulator.StartAsync(Options))
        {
            var bot = Client(first);
            ayu = first.CreateUser("Ayu", "id", "ayu");
            budi = first.CreateUser("Budi", "en");
            first.SendText(ayu.Id, "/start");
            await ConfirmAllAsync(bot);
            var task = await bot.SendMessage(ayu.Id, "<b>Task 1</b>", parseMode: ParseMode.Html,
                replyMarkup: new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("good", "a:1:0")]]));
            first.PressButton(ayu.Id, task.Id, "a:1:0");
            await ConfirmAllAsync(bot);
            await bot.EditMessageText(ayu.Id, task.Id, "<b>Task 1</b>: good", parseMode: ParseMode.Html);
            var deleted = await bot.SendMessage(ayu.Id, "gone soon");
            await bot.DeleteMessage(ayu.Id, deleted.Id);
            fileId = (await bot.SendDocument(ayu.Id, InputFile.FromStream(new MemoryStream("a,b\n"u8.ToArray()), "results.csv"))).Document!.FileId;
            await bot.SetMyCommands([new BotCommand("projects", "Your projects")], scope: new BotCommandScopeChat { ChatId = ayu.Id });
            lastUpdate = first.SendText(ayu.Id, "typed just before the restart");
            transcript = JsonSerializer.Serialize(first.Transcript(ayu.Id));
            lastMessage = first.Transcript(ayu.Id)[^1].MessageId;
        }

        await using var second = await BotApiEmulator.StartAsync(Options);
        var bot2 = Client(second);

        Assert.Equal([ayu, budi], second.Users);
        Assert.Equal(transcript, JsonSerializer.Serialize(second.Transcript(ayu.Id)));
        var pending = Assert.Single(await bot2.GetUpdates(timeout: 0));
        Assert.Equal((lastUpdate, "typed just before the restart"), (pending.Id, pending.Message!.Text));
        Assert.Equal("Your projects", second.CommandsFor(ayu.Id).Single().Description);
        using (var file = new MemoryStream())
        {
            await bot2.DownloadFile(await bot2.GetFile(fileId), file);
            Assert.Equal("a,b\n"u8.ToArray(), file.ToArray());
        }

        var citra = second.CreateUser("Citra", "id");
        var next = second.SendText(ayu.Id, "after the restart");
        var reply = await bot2.SendMessage(ayu.Id, "welcome back");
        var stillSilent = await Assert.ThrowsAsync<ApiRequestException>(() => bot2.SendMessage(budi.Id, "hello"));

        Assert.Equal(budi.Id + 1, citra.Id);
        Assert.Equal(lastUpdate + 1, next);
        Assert.Equal([lastMessage + 1, lastMessage + 2], second.Transcript(ayu.Id).TakeLast(2).Select(m => m.MessageId));
        Assert.Equal(lastMessage + 2, reply.Id);
        Assert.Equal("Bad Request: chat not found", stillSilent.Message);
    }

    [Fact]
    public async Task Files_keep_their_attributes_across_a_restart_and_a_file_id_serves_only_the_bot_it_was_issued_to()
    {
        string voiceId, photoId;
        await using (var first = await BotApiEmulator.StartAsync(Options))
        {
            var user = first.CreateUser("Ayu");
            first.SendVoice(user.Id, [1, 2, 3], durationSeconds: 9);
            voiceId = (await Client(first).GetUpdates(timeout: 0))[^1].Message!.Voice!.FileId;
            photoId = (await Client(first).SendPhoto(user.Id, InputFile.FromStream(new MemoryStream(Images.Png(3, 2)), "p.png"))).Photo![^1].FileId;
        }

        await using (var otherBot = await BotApiEmulator.StartAsync(Options with { Token = "7000000002:SANDBOX-another-bot-token-bbbbbbbbbbb" }))
        {
            var user = otherBot.Users[0];
            var bot = Client(otherBot);
            var resend = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendVoice(user.Id, InputFile.FromFileId(voiceId)));
            var download = await Assert.ThrowsAsync<ApiRequestException>(() => bot.GetFile(photoId));

            Assert.Equal("Bad Request: wrong file identifier/HTTP URL specified", resend.Message);
            Assert.Equal("Bad Request: invalid file_id", download.Message);
        }

        await using var again = await BotApiEmulator.StartAsync(Options);
        var sameBot = Client(again);
        var voice = await sameBot.SendVoice(again.Users[0].Id, InputFile.FromFileId(voiceId));

        Assert.Equal((voiceId, 9), (voice.Voice!.FileId, voice.Voice.Duration));
        Assert.Equal(Images.Png(3, 2).Length, (await sameBot.GetFile(photoId)).FileSize);
    }

    [Fact]
    public async Task A_state_file_of_the_first_version_is_upgraded_and_its_files_stay_usable()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Options.StatePath)!);
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Options.StatePath};Pooling=False"))
        {
            db.Open();
            using var create = db.CreateCommand();
            create.CommandText = """
                CREATE TABLE files (number INTEGER PRIMARY KEY, file_id TEXT NOT NULL UNIQUE, unique_id TEXT NOT NULL, file_name TEXT NOT NULL,
                    mime_type TEXT NOT NULL, content BLOB NOT NULL, path TEXT NOT NULL);
                INSERT INTO files VALUES (1, 'BQACAgIAAxkBAAIold1', 'AgAD1', 'old.csv', 'text/csv', x'612C620A', 'documents/file_1.csv');
                PRAGMA user_version = 1;
                """;
            create.ExecuteNonQuery();
        }

        await using var emulator = await BotApiEmulator.StartAsync(Options);
        var bot = Client(emulator);
        var user = emulator.CreateUser("Ayu");
        emulator.SendText(user.Id, "/start");
        var resent = await bot.SendDocument(user.Id, InputFile.FromFileId("BQACAgIAAxkBAAIold1"));
        var added = await bot.SendDocument(user.Id, InputFile.FromStream(new MemoryStream([1]), "new.bin"));

        Assert.Equal("old.csv", resent.Document!.FileName);
        Assert.Equal("a,b\n"u8.ToArray(), emulator.DownloadDocument(user.Id, resent.Id));
        Assert.StartsWith("documents/file_2", (await bot.GetFile(added.Document!.FileId)).FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmed_update_is_not_delivered_again_after_a_restart()
    {
        await using (var first = await BotApiEmulator.StartAsync(Options))
        {
            var user = first.CreateUser("Ayu");
            first.SendText(user.Id, "/start");
            first.SendText(user.Id, "/me");
            await ConfirmAllAsync(Client(first));
        }

        await using var second = await BotApiEmulator.StartAsync(Options);

        Assert.Empty(await Client(second).GetUpdates(timeout: 0));
    }

    [Fact]
    public async Task Without_a_state_file_nothing_outlives_the_emulator()
    {
        await using (var first = await BotApiEmulator.StartAsync())
        {
            first.CreateUser("Ayu");
        }

        await using var second = await BotApiEmulator.StartAsync();

        Assert.Empty(second.Users);
        Assert.Equal(100001, second.CreateUser("Budi").Id);
    }

    [Fact]
    public async Task A_file_that_is_not_a_state_file_is_refused_by_name()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Options.StatePath)!);
        await System.IO.File.WriteAllTextAsync(Options.StatePath!, "not a database, just text long enough to have a header at all");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => BotApiEmulator.StartAsync(Options));

        Assert.Contains(Options.StatePath!, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        http.Dispose();
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    private TelegramBotClient Client(BotApiEmulator emulator) =>
        new(new TelegramBotClientOptions(emulator.Token, emulator.BaseUrl.ToString()) { RetryThreshold = 0 }, http);

    private static async Task ConfirmAllAsync(TelegramBotClient bot)
    {
        var updates = await bot.GetUpdates(timeout: 0);
        if (updates.Length > 0) await bot.GetUpdates(offset: updates[^1].Id + 1, timeout: 0);
    }
}
