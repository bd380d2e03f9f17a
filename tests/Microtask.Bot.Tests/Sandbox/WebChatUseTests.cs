using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Microtask.Bot.Tests.WebChat.WebChatSession;
using System.Globalization;

// Not ".Sandbox": that would hide the Microtask.Sandbox namespace from the other tests, which say Sandbox.ChatMessage.
namespace Microtask.Bot.Tests.WebChat;

/// <summary>
/// The web chat as people use it for a while: by keyboard, with a long chat that scrolls, typing ahead while a
/// message is sent, and with pictures and a menu of their own.
/// </summary>
public sealed class WebChatUseTests
{
    private static readonly HttpClient Http = new();

    [BrowserFact]
    public async Task A_keyboard_worker_keeps_focus_place_and_typed_text_while_the_bot_answers()
    {
        await using var chat = await StartAsync(375, 560);
        var page = chat.Page;
        await chat.ProjectOfAsync("Rini", tasks: 6);
        await chat.ChatAsAsync("Sari");
        await chat.AgreeAsync();
        var welcome = await chat.LastBotMessage.GetAttributeAsync("data-id");
        await chat.LastBotMessage.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Tugas berikutnya") }).ClickAsync();

        // Enter on an answer keeps focus on the task's message; Tab from there reaches the next task's first answer.
        var answer = await OpenTaskAsync(page, after: welcome);
        for (var i = 0; i < 2; i++)
        {
            await answer.Good.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            var next = await OpenTaskAsync(page, after: answer.Id);
            Assert.Equal(answer.Id, await page.EvaluateAsync<string?>("() => document.activeElement.closest('li.msg')?.dataset.id"));
            for (var tab = 0; tab < 4 && !await IsFocusedAsync(next.Good); tab++)
            {
                await page.Keyboard.PressAsync("Tab");
                Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('messages').contains(document.activeElement)"),
                    "Tab left the chat before it reached the next task");
            }
            await Expect(next.Good).ToBeFocusedAsync();
            answer = next;
        }

        // Read back up the chat: a message the bot sends meanwhile is announced, not scrolled to.
        var messages = page.Locator("#messages");
        await messages.EvaluateAsync("list => list.scrollTop = 0");
        await SendAsBotAsync(chat, "Sari", "A reminder from the bot");
        var reminder = page.Locator("li.msg.bot").Filter(new() { HasText = "A reminder from the bot" });
        await Expect(page.Locator("#new-below")).ToBeVisibleAsync(new() { Timeout = Wait });
        await Expect(reminder).Not.ToBeInViewportAsync();
        await page.Locator("#new-below").ClickAsync();
        await Expect(reminder).ToBeInViewportAsync();
        await Expect(reminder).ToBeFocusedAsync();
        await Expect(page.Locator("#new-below")).ToBeHiddenAsync();

        // An old button pressed far up the chat: what the bot answers comes into view.
        await messages.EvaluateAsync("list => list.scrollTop = 0");
        await Expect(chat.LastBotMessage).Not.ToBeInViewportAsync();
        await page.Locator($"li[data-id=\"{welcome}\"]").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Tugas berikutnya") }).ClickAsync();
        await SendAsBotAsync(chat, "Sari", "Here it is again");
        await Expect(page.Locator("li.msg.bot").Filter(new() { HasText = "Here it is again" })).ToHaveCountAsync(1, new() { Timeout = Wait });
        await Expect(chat.LastBotMessage).ToBeInViewportAsync(new() { Timeout = Wait });

        // Shift+Enter starts a new line; Enter sends both lines as one message.
        await page.Locator("#text").FocusAsync();
        await page.Keyboard.TypeAsync("first line");
        await page.Keyboard.PressAsync("Shift+Enter");
        await page.Keyboard.TypeAsync("second line");
        await page.Keyboard.PressAsync("Enter");
        var sari = chat.User("Sari").Id;
        await WaitUntilAsync(() => chat.Emulator.Transcript(sari).Any(m => m.Text == "first line\nsecond line"));

        // What is typed right after Enter, while the message is still on its way, stays in the box.
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/sandbox/api/users/*/messages", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await page.Keyboard.TypeAsync("/me");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("typed ahead");
        release.SetResult();
        await Expect(page.Locator("li.msg.me").Last).ToHaveTextAsync(new Regex("^You: /me"), new() { Timeout = Wait });
        await Expect(page.Locator("#text")).ToHaveValueAsync("typed ahead");
        await page.UnrouteAllAsync();

        await chat.ScreenshotAsync("keyboard-worker");
        Assert.Empty(chat.Errors);
    }

    [BrowserFact]
    public async Task A_requester_sees_the_progress_chart_inline_and_the_menu_set_for_their_chat()
    {
        await using var chat = await StartAsync(1100, 800);
        var page = chat.Page;
        var projectId = await chat.ProjectOfAsync("Rini");
        await chat.ChatAsAsync("Rini");
        await chat.AgreeAsync();

        await chat.SendAsync($"/progress {projectId}");

        var chart = page.Locator("li.msg.bot img.picture");
        await Expect(chart).ToBeVisibleAsync(new() { Timeout = Wait });
        Assert.True(await chart.EvaluateAsync<bool>("image => image.complete && image.naturalWidth > 100"), "the chart did not load as a picture");
        // Sent as a photo (sendPhoto): shown in the chat, its download named as Telegram names photos.
        await Expect(page.Locator("li.msg.bot").Last.Locator("a.doc")).ToContainTextAsync("photo");
        await chat.ScreenshotAsync("requester-progress");

        // The menu of the requester's own chat (as the bot sets it for requesters), not the workers' one.
        var emulator = chat.Emulator;
        var rini = chat.User("Rini").Id;
        using var set = await Http.PostAsJsonAsync($"{emulator.BaseUrl}bot{emulator.Token}/setMyCommands", new
        {
            commands = new[] { new { command = "newproject", description = "Proyek baru" }, new { command = "progress", description = "Kemajuan" } },
            scope = new { type = "chat", chat_id = rini },
        });
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "/" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem)).ToHaveCountAsync(2);
        await Expect(page.GetByRole(AriaRole.Menuitem).First).ToContainTextAsync("/newproject");
        await page.Keyboard.PressAsync("Escape");

        await chat.ChatAsAsync("Sari");
        await page.GetByRole(AriaRole.Button, new() { Name = "/" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem).First).ToContainTextAsync("/task");
        await Expect(page.GetByRole(AriaRole.Menuitem).Filter(new() { HasText = "/newproject" })).ToHaveCountAsync(0);
        Assert.Empty(chat.Errors);
    }

    private sealed record OpenTask(string Id, ILocator Good);

    /// <summary>The first task with live answer buttons after the given message, once the bot has sent it.</summary>
    private static async Task<OpenTask> OpenTaskAsync(IPage page, string? after)
    {
        const string Find = """
            after => [...document.querySelectorAll('li.msg.bot')].find(li => Number(li.dataset.id) > after
                && li.textContent.includes('Review:') && [...li.querySelectorAll('button')].some(b => b.textContent === 'good'))?.dataset.id
            """;
        var found = await page.WaitForFunctionAsync(Find, long.Parse(after ?? "0", CultureInfo.InvariantCulture), new() { Timeout = Wait });
        var id = await found.JsonValueAsync<string>();
        return new OpenTask(id, page.Locator($"li[data-id=\"{id}\"]").GetByRole(AriaRole.Button, new() { Name = "good", Exact = true }));
    }

    private static Task<bool> IsFocusedAsync(ILocator locator) => locator.EvaluateAsync<bool>("e => e === document.activeElement");

    /// <summary>A message the bot sends of its own accord (a reminder, say), straight through the Bot API.</summary>
    private static async Task SendAsBotAsync(WebChatSession chat, string to, string text)
    {
        using var sent = await Http.PostAsJsonAsync($"{chat.Emulator.BaseUrl}bot{chat.Emulator.Token}/sendMessage",
            new { chat_id = chat.User(to).Id, text });
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
    }
}
