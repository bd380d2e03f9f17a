using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Microtask.Bot.Hosting;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;
using Microtask.Testing;
using static Microsoft.Playwright.Assertions;

// Not ".Sandbox": that would hide the Microtask.Sandbox namespace from the other tests, which say Sandbox.ChatMessage.
namespace Microtask.Bot.Tests.WebChat;

/// <summary>
/// The embedded sandbox as <c>dotnet run</c> starts it (or the emulator alone, for tests that play the bot themselves),
/// its web chat in headless Chromium with a fake microphone, and the steps every browser test takes in it.
/// </summary>
internal sealed class WebChatSession : IAsyncDisposable
{
    // A fake microphone that is always allowed, so that recording a voice note works headless.
    private static readonly string[] BrowserArgs =
        ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required"];

    /// <summary>Script and an onerror image, as a hostile task's text.</summary>
    public const string Payload = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\">";
    public const float Wait = 20_000;

    private readonly WebApplication? sandbox;
    private readonly BotApiEmulator? ownEmulator;

    private WebChatSession(WebApplication? sandbox, BotApiEmulator? ownEmulator, IPlaywright playwright, IBrowser browser, IPage page)
    {
        this.sandbox = sandbox;
        this.ownEmulator = ownEmulator;
        Playwright = playwright;
        Browser = browser;
        Page = page;
        Page.Console += (_, message) => { if (message.Type == "error") lock (Errors) Errors.Add(message.Text); };
        Page.PageError += (_, error) => { lock (Errors) Errors.Add(error); };
    }

    public WebApplication Sandbox => this.sandbox ?? throw new InvalidOperationException("This session runs the emulator alone, without the bot.");
    public IPlaywright Playwright { get; }
    public IBrowser Browser { get; }
    public IPage Page { get; }
    public BotApiEmulator Emulator => this.ownEmulator ?? Sandbox.Services.GetRequiredService<BotApiEmulator>();

    /// <summary>Script errors and Content-Security-Policy violations.</summary>
    public List<string> Errors { get; } = [];

    public SandboxUser User(string firstName) => Emulator.Users.Single(u => u.FirstName == firstName);

    /// <param name="practice">Whether consent leads into the newcomers' practice, as in the real sandbox; off, it shows Next task.</param>
    public static async Task<WebChatSession> StartAsync(int width, int height, bool practice = false)
    {
        var sandbox = await BotApp.BuildAsync([], new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = "",
            ["Microtask:Sandbox:Port"] = "0",
            ["Microtask:SampleProject:Enabled"] = "false",
            ["Microtask:Workers:Practice"] = practice ? "true" : "false",
            ["Microtask:SqlitePath"] = TestServers.SqlitePath(),
            ["Microtask:Sender:PerChatBurst"] = "20",
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await sandbox.StartAsync();
        return await OpenAsync(sandbox, null, width, height);
    }

    /// <summary>The emulator alone, its web chat open: the test plays the bot through the Bot API.</summary>
    public static async Task<WebChatSession> StartEmulatorAsync(int width, int height) =>
        await OpenAsync(null, await BotApiEmulator.StartAsync(), width, height);

    private static async Task<WebChatSession> OpenAsync(WebApplication? sandbox, BotApiEmulator? emulator, int width, int height)
    {
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = BrowserFactAttribute.Chromium, Headless = true, Args = BrowserArgs });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var session = new WebChatSession(sandbox, emulator, playwright, browser, page);
        await page.GotoAsync(session.Emulator.BaseUrl.ToString());
        return session;
    }

    /// <summary>A project of the requester's whose every task carries script and an onerror image as its text.</summary>
    public async Task<long> ProjectOfAsync(string requester, int tasks = 4)
    {
        var owner = await Sandbox.Services.GetRequiredService<WorkerStore>().EnsureAsync(User(requester).Id, requester, "id");
        var project = new NewProject("Reviews", "Is the review good?", AnswerKind.SingleChoice, ["good", "bad"], "<b>Review:</b>\n{{review}}",
            100, 1, TimeSpan.FromMinutes(5), owner.Id, GoldPercent: 0);
        var rows = Enumerable.Range(1, tasks).Select(i => new NewTask(new Dictionary<string, string> { ["review"] = $"item {i} {Payload}" })).ToList();
        return await Sandbox.Services.GetRequiredService<ProjectStore>().CreateAsync(project, rows, ProjectState.Active);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var c = await Sandbox.Services.GetRequiredService<IDatabase>().OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>(sql);
    }

    public ILocator LastBotMessage => Page.Locator("li.msg.bot").Last;

    public async Task ChatAsAsync(string name)
    {
        var back = Page.Locator("#back");
        if (await back.IsVisibleAsync())
        {
            await back.ClickAsync();
        }

        await Page.Locator("#users").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^" + name) }).ClickAsync();
        await Expect(Page.Locator("#chat-title")).ToContainTextAsync(name);
        await Expect(Page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = Wait });
    }

    /// <summary>/start and the consent button, as everyone's first step.</summary>
    public async Task AgreeAsync()
    {
        await SendAsync("/start");
        var agree = LastBotMessage.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("setuju") });
        await agree.ClickAsync(new() { Timeout = Wait });
        await Expect(Page.Locator("li.msg.bot").Filter(new() { HasText = "Terima kasih" })).ToBeVisibleAsync(new() { Timeout = Wait });
    }

    public async Task SendAsync(string text)
    {
        await Page.Locator("#text").FillAsync(text);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("li.msg.me").Last).ToContainTextAsync(text.Split(' ')[0], new() { Timeout = Wait });
    }

    public async Task ScreenshotAsync(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(directory, name + ".png") });
    }

    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddMilliseconds(Wait);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out waiting for the bot");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        if (this.sandbox is not null)
        {
            await this.sandbox.StopAsync();
            await this.sandbox.DisposeAsync();
        }

        if (this.ownEmulator is not null)
        {
            await this.ownEmulator.DisposeAsync();
        }
    }
}
