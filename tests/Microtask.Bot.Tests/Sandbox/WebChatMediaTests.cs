using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Microtask.Sandbox;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using static Microsoft.Playwright.Assertions;
using static Microtask.Bot.Tests.WebChat.WebChatSession;

// Not ".Sandbox": that would hide the Microtask.Sandbox namespace from the other tests, which say Sandbox.ChatMessage.
namespace Microtask.Bot.Tests.WebChat;

/// <summary>
/// Media in the web chat on a phone-sized window: what the bot sends (played here by the test through the Bot API, as a
/// bot would) shows inline and plays, and a user sends a photo, records a voice note, or picks one where recording fails.
/// </summary>
public sealed class WebChatMediaTests
{
    private static readonly HttpClient Http = new();

    private static InputFileStream Upload(byte[] content, string name) => InputFile.FromStream(new MemoryStream(content), name);

    private static async Task<(WebChatSession Chat, SandboxUser User, TelegramBotClient Bot)> StartAsync()
    {
        var chat = await StartEmulatorAsync(375, 812);
        var user = chat.Emulator.CreateUser("Sari", "id");
        chat.Emulator.SendText(user.Id, "/start");
        await chat.Page.ReloadAsync();
        await chat.ChatAsAsync("Sari");
        return (chat, user, new TelegramBotClient(new TelegramBotClientOptions(chat.Emulator.Token, chat.Emulator.BaseUrl.ToString()), Http));
    }

    [BrowserFact]
    public async Task The_bots_photo_album_and_voice_note_show_inline_and_the_voice_note_plays()
    {
        var (chat, user, bot) = await StartAsync();
        await using var _ = chat;
        var page = chat.Page;

        var photo = await bot.SendPhoto(user.Id, Upload(SampleMedia.Png(120, 80), "item.png"), caption: "<b>Which fruit</b> is this?",
            parseMode: ParseMode.Html, replyMarkup: new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("Apple", "a:1")]]));
        var album = await bot.SendMediaGroup(user.Id,
        [
            new InputMediaPhoto(Upload(SampleMedia.Png(60, 60), "a.png")) { Caption = "<i>A</i> or B?", ParseMode = ParseMode.Html },
            new InputMediaPhoto(Upload(SampleMedia.Png(60, 40), "b.png")) { Caption = "B" },
            new InputMediaPhoto(Upload(SampleMedia.Png(40, 60), "c.png")),
        ]);
        await bot.SendVoice(user.Id, Upload(SampleMedia.OggOpus(2), "read.ogg"), caption: "Read it back");

        var task = page.Locator($"li[data-id=\"{photo.Id}\"]");
        await Expect(task.Locator("img.picture")).ToBeVisibleAsync(new() { Timeout = Wait });
        await Expect(task.Locator(".body b")).ToHaveTextAsync("Which fruit");
        await Expect(task.GetByRole(AriaRole.Button, new() { Name = "Apple" })).ToBeVisibleAsync();
        Assert.True(await task.Locator("img.picture").EvaluateAsync<bool>("i => i.complete && i.naturalWidth === 120"), "the photo did not load");

        var grid = page.Locator($"li.album[data-group=\"{album[0].MediaGroupId}\"]");
        await Expect(grid.Locator(".album-item img")).ToHaveCountAsync(3, new() { Timeout = Wait });
        await Expect(page.Locator("li.album")).ToHaveCountAsync(1);
        await Expect(grid.Locator(".body i")).ToHaveTextAsync("A");
        await Expect(grid.Locator(".album-item").Nth(1)).ToHaveAttributeAsync("title", "B");
        await page.WaitForFunctionAsync("g => [...document.querySelectorAll(g + ' .album-item img')].every(i => i.complete && i.naturalWidth > 0)",
            $"li.album[data-group=\"{album[0].MediaGroupId}\"]", new() { Timeout = Wait });

        var voice = chat.LastBotMessage.Locator("audio");
        await Expect(voice).ToHaveAttributeAsync("aria-label", "Voice note, 0:02", new() { Timeout = Wait });
        await voice.EvaluateAsync("a => a.play()");
        await page.WaitForFunctionAsync("() => { const a = document.querySelector('li.msg.bot:last-child audio'); return a.currentTime > 0 && Math.round(a.duration) === 2; }",
            null, new() { Timeout = Wait });
        await chat.ScreenshotAsync("media-from-the-bot");

        // The other kinds each as Telegram's apps show them: a player, a video, a sticker, a place.
        await bot.SendAudio(user.Id, Upload(SampleMedia.Wav(3), "tone.wav"), title: "Tone", performer: "Sandbox");
        await Expect(chat.LastBotMessage.Locator("audio")).ToHaveAttributeAsync("aria-label", "Sandbox — Tone, 0:03", new() { Timeout = Wait });
        await bot.SendVideo(user.Id, Upload(SampleMedia.Mp4Header(4, 160, 90), "street.mp4"));
        await Expect(chat.LastBotMessage.Locator("video")).ToHaveAttributeAsync("aria-label", "Video, 0:04", new() { Timeout = Wait });
        chat.Emulator.SendSticker(user.Id, SampleMedia.Png(64, 64), "🐱");
        await Expect(page.Locator("li.msg.me").Last.Locator("img.sticker")).ToBeVisibleAsync(new() { Timeout = Wait });
        chat.Emulator.SendLocation(user.Id, -6.2, 106.816666);
        await Expect(page.Locator("li.msg.me").Last.Locator("a.place")).ToHaveTextAsync("Location: -6.20000, 106.81667", new() { Timeout = Wait });
        await chat.ScreenshotAsync("media-kinds");
        Assert.Empty(chat.Errors);
    }

    [BrowserFact]
    public async Task A_user_sends_a_photo_with_a_caption_and_records_a_voice_note()
    {
        var (chat, user, bot) = await StartAsync();
        await using var _ = chat;
        var page = chat.Page;
        var png = SampleMedia.Png(90, 60);

        await page.Locator("#photo").SetInputFilesAsync(new FilePayload { Name = "shelf.png", MimeType = "image/png", Buffer = png });
        await Expect(page.Locator("#file-kind")).ToHaveValueAsync("photos");
        await page.Locator("#text").FillAsync("Shelf 3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(page.Locator("li.msg.me").Last.Locator("img.picture")).ToBeVisibleAsync(new() { Timeout = Wait });
        var sent = chat.Emulator.Transcript(user.Id)[^1];
        Assert.Equal((new ImageSize(90, 60), "Shelf 3"), (sent.Photo, sent.Caption));
        Assert.Equal(png, chat.Emulator.DownloadDocument(user.Id, sent.MessageId));

        // Recording: the button starts, the clock runs, the same button stops and sends.
        var record = page.GetByRole(AriaRole.Button, new() { Name = "Record a voice note" });
        await record.ClickAsync();
        await Expect(page.Locator("#record-bar")).ToBeVisibleAsync(new() { Timeout = Wait });
        await Expect(page.Locator("#record-time")).ToHaveTextAsync("0:01", new() { Timeout = Wait });
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop and send the voice note" }).ClickAsync();
        await Expect(page.Locator("#record-bar")).ToBeHiddenAsync();
        await Expect(page.Locator("li.msg.me").Last.Locator("audio")).ToBeVisibleAsync(new() { Timeout = Wait });
        var voice = chat.Emulator.Transcript(user.Id)[^1].Voice;
        Assert.NotNull(voice);
        Assert.InRange(voice.Duration, 1, 5);
        Assert.StartsWith("audio/", voice.MimeType, StringComparison.Ordinal);
        var update = (await bot.GetUpdates()).Last().Message!;
        Assert.Equal(voice.Duration, update.Voice!.Duration);
        await page.WaitForFunctionAsync("() => document.querySelector('li.msg.me:last-child audio').readyState >= 1", null, new() { Timeout = Wait });

        // A recording thrown away with Escape sends nothing.
        var count = chat.Emulator.Transcript(user.Id).Count;
        await record.ClickAsync();
        await Expect(page.Locator("#record-bar")).ToBeVisibleAsync(new() { Timeout = Wait });
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#record-bar")).ToBeHiddenAsync();
        await Expect(record).ToBeFocusedAsync();
        Assert.Equal(count, chat.Emulator.Transcript(user.Id).Count);
        await chat.ScreenshotAsync("media-from-the-user");
        Assert.Empty(chat.Errors);
    }

    [BrowserFact]
    public async Task Where_the_microphone_is_refused_the_user_picks_a_voice_file_instead()
    {
        var (chat, user, _) = await StartAsync();
        await using var __ = chat;
        var page = await chat.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 375, Height = 812 } });
        await page.AddInitScriptAsync("navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('refused', 'NotAllowedError'))");
        await page.GotoAsync(chat.Emulator.BaseUrl + "#user=" + user.Id);
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = Wait });

        var chooser = await page.RunAndWaitForFileChooserAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Record a voice note" }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "answer.ogg", MimeType = "audio/ogg", Buffer = SampleMedia.OggOpus(3) });
        await Expect(page.Locator("#file-kind")).ToHaveValueAsync("voices");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        await Expect(page.Locator("li.msg.me").Last.Locator("audio")).ToHaveAttributeAsync("aria-label", "Voice note, 0:03", new() { Timeout = Wait });
        Assert.Equal(new VoiceInfo(3, "audio/ogg"), chat.Emulator.Transcript(user.Id)[^1].Voice);
        await Expect(page.Locator("#toast")).ToContainTextAsync(new Regex("microphone"));
    }

    [BrowserFact]
    public async Task A_reply_keyboard_shows_above_the_message_box_shares_the_browsers_place_and_goes_when_removed()
    {
        var (chat, user, bot) = await StartAsync();
        await using var _ = chat;
        var page = chat.Page;
        await page.Context.GrantPermissionsAsync(["geolocation"]);
        await page.Context.SetGeolocationAsync(new() { Latitude = -7.25f, Longitude = 112.75f });

        await bot.SendMessage(user.Id, "Where did you take it?", replyMarkup: new ReplyKeyboardMarkup(
            [[KeyboardButton.WithRequestLocation("📍 Kirim lokasi saya")], [new KeyboardButton("Simpan tanpa lokasi")]]));

        var keys = page.Locator("#reply-keys");
        await Expect(keys.GetByRole(AriaRole.Button)).ToHaveTextAsync(["📍 Kirim lokasi saya", "Simpan tanpa lokasi"], new() { Timeout = Wait });
        await keys.GetByRole(AriaRole.Button, new() { Name = "📍 Kirim lokasi saya" }).ClickAsync();
        await WaitUntilAsync(() => chat.Emulator.Transcript(user.Id)[^1].Location is not null);
        var place = chat.Emulator.Transcript(user.Id)[^1].Location!;
        Assert.Equal((-7.25, 112.75), (Math.Round(place.Latitude, 4), Math.Round(place.Longitude, 4)));
        await keys.GetByRole(AriaRole.Button, new() { Name = "Simpan tanpa lokasi" }).ClickAsync();
        await WaitUntilAsync(() => chat.Emulator.Transcript(user.Id)[^1].Text == "Simpan tanpa lokasi");

        await bot.SendMessage(user.Id, "Thanks", replyMarkup: new ReplyKeyboardRemove());

        await Expect(keys).ToBeHiddenAsync(new() { Timeout = Wait });
        Assert.Empty(chat.Errors);
    }
}
