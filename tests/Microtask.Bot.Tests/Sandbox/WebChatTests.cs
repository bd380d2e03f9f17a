using System.Text;
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
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

// Not ".Sandbox": that would hide the Microtask.Sandbox namespace from the other tests, which say Sandbox.ChatMessage.
namespace Microtask.Bot.Tests.WebChat;

/// <summary>
/// The sandbox web chat in headless Chromium (Debian's package), driven as a new user would: the embedded
/// sandbox as <c>dotnet run</c> starts it (no token), its page at the emulator's own address.
/// </summary>
public sealed class WebChatTests
{
    private const string Payload = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\">";
    private static readonly float Wait = 20_000;

    [BrowserFact]
    public async Task A_new_user_works_uploads_and_moderates_in_the_web_chat_and_no_task_script_runs()
    {
        await using var sandbox = await StartSandboxAsync();
        var emulator = sandbox.Services.GetRequiredService<BotApiEmulator>();
        var users = emulator.Users.ToDictionary(u => u.FirstName);
        var projectId = await ProjectOfAsync(sandbox, users["Rini"].Id);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = BrowserFactAttribute.Chromium, Headless = true });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 375, Height = 812 } });
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        var errors = new List<string>(); // script errors and Content-Security-Policy violations
        page.Console += (_, message) => { if (message.Type == "error") lock (errors) errors.Add(message.Text); };
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };
        await page.GotoAsync(emulator.BaseUrl.ToString());

        // Anyone can add a user from the page.
        await page.Locator("#new-name").FillAsync("Ayu");
        await page.Locator("#new-language").SelectOptionAsync("en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Expect(page.Locator("#chat-title")).ToContainTextAsync("Ayu");
        Assert.Contains(emulator.Users, u => u is { FirstName: "Ayu", LanguageCode: "en" });

        // The worker, on a phone-sized window: /start, agree, then three tasks by tapping (the last one by keyboard).
        await ChatAsAsync(page, "Sari");
        await AgreeAsync(page);
        await LastBotMessage(page).GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Tugas berikutnya") }).ClickAsync();
        for (var i = 1; i <= 3; i++)
        {
            var task = page.Locator("li.msg.bot").Filter(new() { HasText = "Review:" })
                .Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "good", Exact = true }) }).Last;
            await Expect(task).ToBeVisibleAsync(new() { Timeout = Wait });
            var id = await task.GetAttributeAsync("data-id");
            var good = task.GetByRole(AriaRole.Button, new() { Name = "good", Exact = true });
            if (i < 3)
            {
                await good.ClickAsync();
            }
            else
            {
                await good.FocusAsync();
                await page.Keyboard.PressAsync("Enter");
            }

            // The answered task is edited in place: its answer buttons are gone.
            await Expect(page.Locator($"li[data-id=\"{id}\"]").GetByRole(AriaRole.Button, new() { Name = "good", Exact = true }))
                .ToHaveCountAsync(0, new() { Timeout = Wait });
        }

        Assert.Equal(3, await ScalarAsync(sandbox, "SELECT COUNT(*) FROM answers"));
        // The task's script and onerror arrived as text and show as text; none of it ran.
        await Expect(page.GetByText("<script>window.__xss = 1</script>").First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined && document.querySelectorAll('.messages img, .messages script').length === 0"));
        await ScreenshotAsync(page, "worker");

        // The command menu lists what setMyCommands set for the user's language; Escape closes it.
        await page.GetByRole(AriaRole.Button, new() { Name = "/" }).ClickAsync();
        var first = page.GetByRole(AriaRole.Menuitem).First;
        await Expect(first).ToBeFocusedAsync();
        await Expect(first).ToContainTextAsync("/task");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#menu")).ToBeHiddenAsync();

        // The requester, on a desktop window: a CSV sent as a reply to the bot's list of their projects (which
        // names exactly this one), then Import.
        await page.SetViewportSizeAsync(1100, 800);
        await ChatAsAsync(page, "Rini");
        await AgreeAsync(page);
        await SendAsync(page, "/projects");
        var list = page.Locator("li.msg.bot").Filter(new() { HasText = $"#{projectId}" }).Last;
        await Expect(list).ToBeVisibleAsync(new() { Timeout = Wait });
        await list.GetByRole(AriaRole.Button, new() { Name = "Reply to this message" }).ClickAsync();
        await page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "batch.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("review\nFast delivery\nBroken on arrival " + Payload.Replace("\"", "'", StringComparison.Ordinal) + "\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var upload = page.Locator("li.msg.me").Filter(new() { HasText = "batch.csv" });
        await Expect(upload).ToBeVisibleAsync(new() { Timeout = Wait });
        await Expect(upload.Locator(".quote")).ToContainTextAsync("Reviews");
        var import = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Impor 2") });
        await Expect(import).ToBeVisibleAsync(new() { Timeout = Wait });
        await import.ClickAsync();
        await Expect(page.Locator("li.msg.bot").Filter(new() { HasText = "2 tugas diimpor" })).ToBeVisibleAsync(new() { Timeout = Wait });
        Assert.Equal(6, await ScalarAsync(sandbox, $"SELECT COUNT(*) FROM tasks WHERE project_id = {projectId}"));
        await ScreenshotAsync(page, "requester");

        // The admin bans the worker, and the worker is told.
        await ChatAsAsync(page, "Ade");
        await AgreeAsync(page);
        var toldBefore = emulator.Transcript(users["Sari"].Id).Count(m => m.FromBot);
        await SendAsync(page, $"/ban {users["Sari"].Id} 1d test");
        await Expect(page.Locator("li.msg.bot")).Not.ToHaveCountAsync(0, new() { Timeout = Wait });
        await WaitUntilAsync(() => emulator.Transcript(users["Sari"].Id).Count(m => m.FromBot) > toldBefore);
        await ScreenshotAsync(page, "admin");
        await ChatAsAsync(page, "Sari");
        await Expect(page.Locator("li.msg.bot").Filter(new() { HasText = "Alasan: test" })).ToBeVisibleAsync(new() { Timeout = Wait });
        await ScreenshotAsync(page, "worker-banned");

        Assert.Equal(0, dialogs);
        Assert.Empty(errors);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"));
    }

    private static ILocator LastBotMessage(IPage page) => page.Locator("li.msg.bot").Last;

    private static async Task ChatAsAsync(IPage page, string name)
    {
        var back = page.Locator("#back");
        if (await back.IsVisibleAsync())
        {
            await back.ClickAsync();
        }

        await page.Locator("#users").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^" + name) }).ClickAsync();
        await Expect(page.Locator("#chat-title")).ToContainTextAsync(name);
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = Wait });
    }

    /// <summary>/start and the consent button, as everyone's first step.</summary>
    private static async Task AgreeAsync(IPage page)
    {
        await SendAsync(page, "/start");
        var agree = LastBotMessage(page).GetByRole(AriaRole.Button, new() { NameRegex = new Regex("setuju") });
        await agree.ClickAsync(new() { Timeout = Wait });
        await Expect(page.Locator("li.msg.bot").Filter(new() { HasText = "Terima kasih" })).ToBeVisibleAsync(new() { Timeout = Wait });
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.Locator("#text").FillAsync(text);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("li.msg.me").Last).ToContainTextAsync(text.Split(' ')[0], new() { Timeout = Wait });
    }

    private static async Task ScreenshotAsync(IPage page, string role)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, role + ".png") });
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddMilliseconds(Wait);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out waiting for the bot");
            await Task.Delay(100);
        }
    }

    /// <summary>The sandbox exactly as <c>dotnet run</c> starts it, on a free port and a fresh database.</summary>
    private static async Task<WebApplication> StartSandboxAsync()
    {
        var app = await BotApp.BuildAsync([], new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = "",
            ["Microtask:Sandbox:Port"] = "0",
            ["Microtask:SampleProject:Enabled"] = "false",
            ["Microtask:SqlitePath"] = TestServers.SqlitePath(),
            ["Microtask:Sender:PerChatBurst"] = "20",
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>A project of the requester's whose every task carries script and an onerror image as its text.</summary>
    private static async Task<long> ProjectOfAsync(WebApplication app, long requesterTelegramId)
    {
        var owner = await app.Services.GetRequiredService<WorkerStore>().EnsureAsync(requesterTelegramId, "Rini", "id");
        var project = new NewProject("Reviews", "Is the review good?", AnswerKind.SingleChoice, ["good", "bad"], "<b>Review:</b>\n{{review}}",
            100, 1, TimeSpan.FromMinutes(5), owner.Id, GoldPercent: 0);
        var tasks = Enumerable.Range(1, 4).Select(i => new NewTask(new Dictionary<string, string> { ["review"] = $"item {i} {Payload}" })).ToList();
        return await app.Services.GetRequiredService<ProjectStore>().CreateAsync(project, tasks, ProjectState.Active);
    }

    private static async Task<long> ScalarAsync(WebApplication app, string sql)
    {
        await using var c = await app.Services.GetRequiredService<IDatabase>().OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>(sql);
    }
}
