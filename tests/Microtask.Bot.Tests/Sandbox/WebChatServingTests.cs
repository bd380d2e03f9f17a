using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using Microtask.Sandbox;
using Microtask.Testing;
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
/// The embedded sandbox: the web chat is served by its emulator only, never by a bot with a real token, and a restart
/// resumes the sandbox's users and chats together with the bot's own data.
/// </summary>
public sealed class WebChatServingTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task With_a_bot_token_there_is_no_sandbox_and_nothing_is_served_at_the_root()
    {
        await using var telegram = await BotApiEmulator.StartAsync(); // stands in for Telegram
        await using var app = await StartAsync(new()
        {
            ["Telegram:BotToken"] = telegram.Token,
            ["Telegram:ApiBaseUrl"] = telegram.BaseUrl.ToString(),
        });

        Assert.Null(app.Services.GetService<BotApiEmulator>());
        var bot = BotAddress(app);
        foreach (var path in new[] { "", "app.js", "app.css", "sandbox/api/users" })
        {
            using var response = await Http.GetAsync(new Uri(bot, path));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        await app.StopAsync();
    }

    [Fact]
    public async Task Without_a_token_the_sandbox_serves_the_web_chat_and_starts_with_an_admin()
    {
        await using var app = await StartAsync(new() { ["Telegram:BotToken"] = "" });
        var emulator = app.Services.GetRequiredService<BotApiEmulator>();

        using var page = await Http.GetAsync(emulator.BaseUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\" src=\"/app.js\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var script = await Http.GetAsync(new Uri(emulator.BaseUrl, "app.js"));
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        using var onTheBot = await Http.GetAsync(BotAddress(app));
        Assert.Equal(HttpStatusCode.NotFound, onTheBot.StatusCode);

        var ade = emulator.Users.Single(u => u.FirstName == "Ade");
        Assert.Equal([ade.Id], app.Services.GetRequiredService<IOptions<MicrotaskOptions>>().Value.Admins.Owners);
        await app.StopAsync();
    }

    [Fact]
    public async Task A_restart_of_the_sandbox_resumes_the_same_users_chats_and_ids()
    {
        var settings = new Dictionary<string, string?> { ["Telegram:BotToken"] = "", ["Microtask:SqlitePath"] = TestServers.SqlitePath() };
        SandboxUser budi;
        IReadOnlyList<SandboxUser> before;
        IReadOnlyList<Sandbox.ChatMessage> chat;
        await using (var app = await StartAsync(new(settings)))
        {
            var emulator = app.Services.GetRequiredService<BotApiEmulator>();
            budi = emulator.CreateUser("Budi", "en", "budi");
            await emulator.WaitUntilConfirmedAsync(emulator.SendText(budi.Id, "/start"));
            await emulator.WaitForMessageAsync(budi.Id, m => m.Buttons.Any());
            before = emulator.Users;
            chat = emulator.Transcript(budi.Id);
            await app.StopAsync();
        }

        await using var again = await StartAsync(new(settings));
        var resumed = again.Services.GetRequiredService<BotApiEmulator>();
        var workers = again.Services.GetRequiredService<Storage.WorkerStore>();

        Assert.Equal(before, resumed.Users);
        Assert.Equal(chat.Select(m => (m.MessageId, m.PlainText)), resumed.Transcript(budi.Id).Select(m => (m.MessageId, m.PlainText)));
        var citra = resumed.CreateUser("Citra", "id");
        Assert.True(citra.Id > before.Max(u => u.Id));
        Assert.Null(await workers.FindAsync(citra.Id));
        Assert.NotNull(await workers.FindAsync(budi.Id));
        await resumed.WaitUntilConfirmedAsync(resumed.SendText(budi.Id, "/help"));
        Assert.Equal(chat[^1].MessageId + 1, resumed.Transcript(budi.Id).Single(m => m.Text == "/help").MessageId);
        await resumed.WaitForMessageAsync(budi.Id, m => m.MessageId > chat[^1].MessageId + 1);
        await again.StopAsync();
    }

    [Fact]
    public async Task Configured_owners_are_kept_in_the_sandbox()
    {
        await using var app = await StartAsync(new() { ["Telegram:BotToken"] = "", ["Microtask:Admins:Owners:0"] = "42" });

        Assert.Equal([42L], app.Services.GetRequiredService<IOptions<MicrotaskOptions>>().Value.Admins.Owners);
        await app.StopAsync();
    }

    [Fact]
    public async Task A_document_in_a_chat_downloads_as_an_attachment_and_an_unknown_one_is_404()
    {
        await using var emulator = await BotApiEmulator.StartAsync();
        var user = emulator.CreateUser("Ayu", "id");
        emulator.SendDocument(user.Id, "page.html", "<script>alert(1)</script>"u8.ToArray(), "text/html");
        var message = emulator.Transcript(user.Id).Single();

        using var file = await Http.GetAsync(new Uri(emulator.BaseUrl, $"sandbox/api/chats/{user.Id}/messages/{message.MessageId}/document"));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/octet-stream", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("<script>alert(1)</script>", await file.Content.ReadAsStringAsync());
        using var missing = await Http.GetAsync(new Uri(emulator.BaseUrl, $"sandbox/api/chats/{user.Id}/messages/99/document"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_text_sent_over_the_control_API_can_reply_to_a_message_and_the_transcript_says_so()
    {
        await using var emulator = await BotApiEmulator.StartAsync();
        var user = emulator.CreateUser("Ayu", "id");
        emulator.SendText(user.Id, "first");
        var api = new Uri(emulator.BaseUrl, $"sandbox/api/users/{user.Id}/messages");

        using var reply = await Http.PostAsJsonAsync(api, new { text = "second", replyToMessageId = 1 });
        using var wrong = await Http.PostAsJsonAsync(api, new { text = "third", replyToMessageId = 99 });

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal([null, 1L], emulator.Transcript(user.Id).Select(m => m.ReplyToMessageId));
    }

    private static async Task<WebApplication> StartAsync(Dictionary<string, string?> settings)
    {
        settings["Microtask:Sandbox:Port"] = "0";
        settings["Microtask:SampleProject:Enabled"] = "false";
        settings.TryAdd("Microtask:SqlitePath", TestServers.SqlitePath());
        settings["Urls"] = "http://127.0.0.1:0";
        settings["Logging:LogLevel:Default"] = "Warning";
        var app = await BotApp.BuildAsync([], settings);
        await app.StartAsync();
        return app;
    }

    private static Uri BotAddress(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
}
