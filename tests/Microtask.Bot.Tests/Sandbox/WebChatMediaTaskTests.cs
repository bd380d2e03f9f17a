using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;
using Telegram.Bot;
using Telegram.Bot.Types;
using static Microsoft.Playwright.Assertions;
using static Microtask.Bot.Tests.WebChat.WebChatSession;

namespace Microtask.Bot.Tests.WebChat;

/// <summary>The bot's media tasks in the browser: a photo labelled with one tap, then a task answered by a recorded voice note.</summary>
public sealed class WebChatMediaTaskTests
{
    private static readonly HttpClient Http = new();

    [BrowserFact]
    public async Task A_worker_labels_a_photo_and_answers_a_voice_task_by_recording()
    {
        await using var chat = await StartAsync(414, 860);
        var page = chat.Page;
        var rini = chat.User("Rini");
        chat.Emulator.SendText(rini.Id, "/start");
        var owner = await chat.Sandbox.Services.GetRequiredService<WorkerStore>().EnsureAsync(rini.Id, "Rini", "id");
        var bot = new TelegramBotClient(new TelegramBotClientOptions(chat.Emulator.Token, chat.Emulator.BaseUrl.ToString()), Http);
        var uploaded = await bot.SendPhoto(rini.Id, InputFile.FromStream(new MemoryStream(SampleMedia.Png(160, 120)), "shape.png"));
        var projects = chat.Sandbox.Services.GetRequiredService<ProjectStore>();
        await projects.CreateAsync(
            new NewProject("Shapes", "Which shape is it?", AnswerKind.SingleChoice, ["circle", "square"], "{{image:photo}}\nWhich shape?", 100, 1, TimeSpan.FromMinutes(5), owner.Id, GoldPercent: 0),
            [new NewTask(new Dictionary<string, string> { ["photo"] = "tg:" + uploaded.Photo![^1].FileId })],
            ProjectState.Active);

        await chat.ChatAsAsync("Sari");
        await chat.AgreeAsync();
        await chat.LastBotMessage.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Tugas berikutnya") }).ClickAsync();

        var task = page.Locator("li.msg.bot").Filter(new() { Has = page.Locator("img.picture") }).Last;
        await Expect(task).ToContainTextAsync("Which shape?", new() { Timeout = Wait });
        Assert.True(await task.Locator("img.picture").EvaluateAsync<bool>("image => image.complete && image.naturalWidth == 160"), "the task's photo did not load");
        await task.GetByRole(AriaRole.Button, new() { Name = "circle", Exact = true }).ClickAsync();
        await Expect(task).ToContainTextAsync("Tersimpan", new() { Timeout = Wait });
        Assert.Equal(1, await chat.ScalarAsync("SELECT COUNT(*) FROM answers WHERE value = 'circle'"));

        var voice = await projects.CreateAsync(
            new NewProject("Speech", "Read the sentence aloud.", AnswerKind.Voice, [], "Read aloud: {{text}}", 100, 1, TimeSpan.FromMinutes(5), owner.Id, GoldPercent: 0),
            [new NewTask(new Dictionary<string, string> { ["text"] = "Selamat pagi" })],
            ProjectState.Active);
        await chat.SendAsync("/task");
        await Expect(chat.LastBotMessage).ToContainTextAsync("Selamat pagi", new() { Timeout = Wait });

        await page.GetByRole(AriaRole.Button, new() { Name = "Record a voice note" }).ClickAsync();
        await Expect(page.Locator("#record-time")).ToHaveTextAsync("0:02", new() { Timeout = Wait });
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop and send the voice note" }).ClickAsync();
        await Expect(page.Locator("li.msg.me").Last.Locator("audio")).ToBeVisibleAsync(new() { Timeout = Wait });
        await WaitUntilAsync(() => chat.ScalarAsync($"SELECT COUNT(*) FROM answers WHERE project_id = {voice}").GetAwaiter().GetResult() == 1);
        await chat.ScreenshotAsync("media-tasks");
        Assert.Empty(chat.Errors);
    }
}
