using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;
using Telegram.Bot;
using Telegram.Bot.Types;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Bot.Tests.Telegram;

/// <summary>The transport and the sender against the emulator's faults: redelivery, 429, 5xx, 403, webhook secrets.</summary>
public sealed class TransportTests
{
    private static readonly string[] MixedCommands = ["/help", "/me", "/frobnicate", "/help", "/pause"];

    [Fact]
    public async Task A_redelivered_update_is_handled_once()
    {
        await using var bot = await BotHarness.StartAsync("Embedded");
        var player = await bot.WorkerAsync("Once");
        var before = player.BotMessages().Count;
        var update = new Update
        {
            Id = 900_001,
            Message = new Message { Id = 99, Date = DateTime.UtcNow, Text = "/help", From = new User { Id = player.Id, FirstName = "Once" }, Chat = new Chat { Id = player.Id, Type = global::Telegram.Bot.Types.Enums.ChatType.Private } },
        };

        await bot.Get<UpdateDispatcher>().HandleAsync(update, CancellationToken.None);
        await bot.Get<UpdateDispatcher>().HandleAsync(update, CancellationToken.None);

        Assert.Equal(before + 1, player.BotMessages().Count);
    }

    [Fact]
    public async Task Polling_drops_malformed_updates_with_a_warning_and_keeps_serving()
    {
        await using var bot = await BotHarness.StartAsync("Embedded");
        var logs = new CapturedLogs();
        bot.Get<Microsoft.Extensions.Logging.ILoggerFactory>().AddProvider(logs);
        var player = await bot.WorkerAsync("Shape");
        string[] malformed =
        [
            $$$"""{"message": {"message_id": 7, "date": 0, "from": {"id": {{{player.Id}}}, "is_bot": false, "first_name": "S"}, "text": "/help"}}""",
            $$$"""{"callback_query": {"id": "q1", "chat_instance": "c", "message": {"message_id": 1, "date": 0, "chat": {"id": {{{player.Id}}}, "type": "private"}}, "data": "c"}}""",
            $$$"""{"callback_query": {"chat_instance": "c", "from": {"id": {{{player.Id}}}, "is_bot": false, "first_name": "S"}, "message": {"message_id": 1, "date": 0, "chat": {"id": {{{player.Id}}}, "type": "private"}}, "data": "c"}}""",
        ];
        var before = player.BotMessages().Count;

        foreach (var update in malformed)
        {
            await bot.Emulator.WaitUntilConfirmedAsync(bot.Emulator.InjectRawUpdate(update), TimeSpan.FromSeconds(15));
        }

        Assert.Equal(before, player.BotMessages().Count);
        Assert.Equal(
            ["message without chat", "callback query without sender", "callback query without id"],
            logs.Entries.Where(e => e.Message.StartsWith("Malformed update", StringComparison.Ordinal)).Select(e => e.Message.Split(": ")[^1]));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Contains("What I can do", (await player.SendAsync("/help")).PlainText);
    }

    [Fact]
    public async Task A_redelivered_text_answer_does_not_become_the_next_tasks_answer()
    {
        await using var bot = await BotHarness.StartAsync("Embedded");
        await bot.ProjectAsync(AnswerKind.Number, tasks: 2, overlap: 1);
        var player = await bot.WorkerAsync("Typist");
        await player.SendAsync("/task");
        await player.SendAsync("42");
        var typed = bot.Emulator.Transcript(player.Id).Last(m => !m.FromBot && m.Text == "42");
        var update = new Update
        {
            Id = 900_002,
            Message = new Message { Id = (int)typed.MessageId, Date = DateTime.UtcNow, Text = "42", From = new User { Id = player.Id, FirstName = "Typist" }, Chat = new Chat { Id = player.Id, Type = global::Telegram.Bot.Types.Enums.ChatType.Private } },
        };

        // As after a restart that lost the update log: the router sees the same message again.
        await bot.Get<UpdateRouter>().RouteAsync(update, CancellationToken.None);

        Assert.Equal(1, await bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
        Assert.Equal("Already saved ✔", player.Last().PlainText);
    }

    [Fact]
    public async Task One_chats_updates_are_answered_in_the_order_they_were_sent()
    {
        await using var bot = await BotHarness.StartAsync("Embedded");
        var player = await bot.WorkerAsync("Order");
        var other = await bot.WorkerAsync("Other");

        var sent = MixedCommands.Select(t => bot.Emulator.SendText(player.Id, t)).ToList();
        bot.Emulator.SendText(other.Id, "/help");
        await bot.Emulator.WaitUntilConfirmedAsync(sent[^1], TimeSpan.FromSeconds(15));

        var replies = player.BotMessages().Skip(1).Select(m => m.PlainText.Split('\n')[0]).ToList();
        Assert.Equal(["What I can do", "Your profile", "I don't know that command. /help lists what I can do.", "What I can do", "⏸ Paused. Send /task when you want more."], replies);
    }

    [Fact]
    public async Task Sender_waits_out_retry_after_and_retries_server_errors()
    {
        await using var bot = await BotHarness.StartAsync("Embedded");
        var player = await bot.WorkerAsync("Patient");
        bot.Emulator.Faults.TooManyRequests(retryAfterSeconds: 1, count: 1, chatId: player.Id, method: "sendMessage");
        bot.Emulator.Faults.ServerError(502, count: 2, chatId: player.Id, method: "sendMessage");

        var started = DateTimeOffset.UtcNow;
        var reply = await player.SendAsync("/help");

        Assert.Contains("What I can do", reply.PlainText);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(1), "the retry came before retry_after");
        Assert.Equal([429, 502, 502], bot.Emulator.Refused.Where(r => r.ChatId == player.Id).Select(r => r.ErrorCode));
    }

    /// <summary>
    /// A Bot API call that hangs past the Sender's call timeout is given up and tried again: the reply arrives once, after
    /// the hung tries, instead of being dropped or holding the chat for good.
    /// </summary>
    [Fact]
    public async Task A_send_that_times_out_is_retried_and_arrives_once()
    {
        await using var bot = await BotHarness.StartAsync("Embedded", new Dictionary<string, string?> { ["Microtask:Sender:CallTimeout"] = "00:00:01" });
        var player = await bot.WorkerAsync("Waiting");
        bot.Emulator.Faults.Hang(TimeSpan.FromSeconds(5), count: 2, chatId: player.Id, method: "sendMessage");
        var calls = bot.Emulator.RequestCount("sendMessage");

        var started = DateTimeOffset.UtcNow;
        var reply = await player.SendAsync("/help");

        Assert.Contains("What I can do", reply.PlainText);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(2), "the reply came before two calls had timed out");
        Assert.Single(player.BotMessages(), m => m.PlainText.Contains("What I can do"));
        Assert.Equal(calls + 3, bot.Emulator.RequestCount("sendMessage")); // two hung, given up, then the one that went
    }

    [Fact]
    public async Task A_worker_who_blocked_the_bot_is_marked_inactive()
    {
        await using var bot = await BotHarness.StartAsync("Embedded");
        await bot.ProjectAsync(AnswerKind.YesNo, tasks: 2);
        var player = await bot.WorkerAsync("Gone");
        bot.Emulator.Faults.Block(player.Id);

        var update = bot.Emulator.SendText(player.Id, "/task");
        await bot.Emulator.WaitUntilConfirmedAsync(update, TimeSpan.FromSeconds(15));

        Assert.False((await bot.Get<WorkerStore>().FindAsync(player.Id))!.Active);
        Assert.Contains(bot.Emulator.Refused, r => r.ErrorCode == 403 && r.ChatId == player.Id);
    }

    [Fact]
    public async Task Webhook_mode_handles_pushed_updates_and_refuses_a_wrong_secret()
    {
        var port = FreePort();
        await using var bot = await BotHarness.StartAsync("Embedded", new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = $"http://127.0.0.1:{port}/telegram/webhook",
            ["Telegram:WebhookSecret"] = "s3cret-token_1",
            ["Telegram:WebhookMaxConnections"] = "60",
        });
        var player = new Player(bot, bot.Emulator.CreateUser("Hook", "en"));
        // Registered with the configured number of concurrent deliveries (Telegram's default is 40).
        var info = await bot.Get<ITelegramBotClient>().GetWebhookInfo();
        Assert.Equal(($"http://127.0.0.1:{port}/telegram/webhook", 60), (info.Url, info.MaxConnections));

        var welcome = await player.SendAsync("/start");
        Assert.Contains("Hi Hook!", welcome.PlainText);
        // A button press is answered in the reply to the push: the toast shows, with no answerCallbackQuery request.
        await player.PressAsync(welcome, "c");
        await player.ForgeAsync(welcome.MessageId, "a:999999:0");
        Assert.Equal("This button is no longer valid.", player.LastToast());
        Assert.Equal((2, 0), (bot.Emulator.WebhookReplyCount("answerCallbackQuery"), bot.Emulator.RequestCount("answerCallbackQuery")));

        using var http = new HttpClient();
        var body = new StringContent("""{"update_id":5,"message":{"message_id":1,"date":0,"chat":{"id":1,"type":"private"},"from":{"id":1,"is_bot":false,"first_name":"X"},"text":"/start"}}""", System.Text.Encoding.UTF8, "application/json");
        var missing = await http.PostAsync($"http://127.0.0.1:{port}/telegram/webhook", body);
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/telegram/webhook") { Content = body };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", "wrong");
        var wrong = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Null(await bot.Get<WorkerStore>().FindAsync(1));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
