using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Microtask.Bot.Tests.WebChat.WebChatSession;

// Not ".Sandbox": that would hide the Microtask.Sandbox namespace from the other tests, which say Sandbox.ChatMessage.
namespace Microtask.Bot.Tests.WebChat;

/// <summary>
/// The sandbox web chat in headless Chromium (Debian's package), driven as a new user would: the embedded
/// sandbox as <c>dotnet run</c> starts it (no token), its page at the emulator's own address.
/// </summary>
public sealed class WebChatTests
{
    [BrowserFact]
    public async Task A_newcomer_taps_through_the_practice_to_the_first_paid_task()
    {
        await using var chat = await WebChatSession.StartAsync(375, 812, practice: true);
        var page = chat.Page;
        await chat.ProjectOfAsync("Rini");
        await chat.ChatAsAsync("Sari");
        await chat.AgreeAsync();
        for (var step = 1; step <= 3; step++)
        {
            var practice = page.Locator("li.msg.bot").Filter(new() { HasText = $"Latihan {step}/3" }).Last;
            await practice.GetByRole(AriaRole.Button, new() { Name = "Ya", Exact = true }).ClickAsync(new() { Timeout = Wait });
            await Expect(practice).ToContainTextAsync(new Regex("Benar|Jawaban yang benar"), new() { Timeout = Wait });
        }

        var first = page.Locator("li.msg.bot").Filter(new() { HasText = "Review:" }).Last;
        await Expect(first).ToContainTextAsync("💰 Rp 100 per jawaban", new() { Timeout = Wait });
        var paid = page.Locator($"li[data-id=\"{await first.GetAttributeAsync("data-id")}\"]"); // the next task comes below it
        await paid.GetByRole(AriaRole.Button, new() { Name = "good", Exact = true }).ClickAsync();
        await Expect(paid).ToContainTextAsync("✅ Tersimpan: good", new() { Timeout = Wait });
        Assert.Empty(chat.Errors);
    }

    [BrowserFact]
    public async Task A_new_user_works_uploads_and_moderates_in_the_web_chat_and_no_task_script_runs()
    {
        await using var chat = await WebChatSession.StartAsync(375, 812);
        var (page, emulator) = (chat.Page, chat.Emulator);
        var projectId = await chat.ProjectOfAsync("Rini");
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        // Anyone can add a user from the page.
        await page.Locator("#new-name").FillAsync("Ayu");
        await page.Locator("#new-language").SelectOptionAsync("en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Expect(page.Locator("#chat-title")).ToContainTextAsync("Ayu");
        Assert.Contains(emulator.Users, u => u is { FirstName: "Ayu", LanguageCode: "en" });

        // The worker, on a phone-sized window: /start, agree, then three tasks by tapping (the last one by keyboard).
        await chat.ChatAsAsync("Sari");
        await chat.AgreeAsync();
        await chat.LastBotMessage.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Tugas berikutnya") }).ClickAsync();
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

        Assert.Equal(3, await chat.ScalarAsync("SELECT COUNT(*) FROM answers"));
        // The task's script and onerror arrived as text and show as text; none of it ran.
        await Expect(page.GetByText("<script>window.__xss = 1</script>").First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined && document.querySelectorAll('.messages img, .messages script').length === 0"));
        await chat.ScreenshotAsync("worker");

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
        await chat.ChatAsAsync("Rini");
        await chat.AgreeAsync();
        await chat.SendAsync("/projects");
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
        Assert.Equal(6, await chat.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE project_id = {projectId}"));
        await chat.ScreenshotAsync("requester");

        // The admin bans the worker, and the worker is told.
        await chat.ChatAsAsync("Ade");
        await chat.AgreeAsync();
        var sari = chat.User("Sari").Id;
        var toldBefore = emulator.Transcript(sari).Count(m => m.FromBot);
        await chat.SendAsync($"/ban {sari} 1d test");
        await Expect(page.Locator("li.msg.bot")).Not.ToHaveCountAsync(0, new() { Timeout = Wait });
        await WebChatSession.WaitUntilAsync(() => emulator.Transcript(sari).Count(m => m.FromBot) > toldBefore);
        await chat.ScreenshotAsync("admin");
        await chat.ChatAsAsync("Sari");
        await Expect(page.Locator("li.msg.bot").Filter(new() { HasText = "Alasan: test" })).ToBeVisibleAsync(new() { Timeout = Wait });
        await chat.ScreenshotAsync("worker-banned");

        Assert.Equal(0, dialogs);
        Assert.Empty(chat.Errors);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"));
    }
}
