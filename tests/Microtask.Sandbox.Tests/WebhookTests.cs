using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.ReplyMarkups;

namespace Microtask.Sandbox.Tests;

public sealed class WebhookTests : EmulatorTest
{
    [Fact]
    public async Task Updates_are_pushed_with_the_secret_header_and_confirmed_by_a_2xx()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Bot.SetWebhook(receiver.Url.ToString(), secretToken: "s3cret_token-1");
        var user = Emulator.CreateUser("A");

        var updateId = Emulator.SendText(user.Id, "hello");
        var delivery = await receiver.NextAsync();
        await Emulator.WaitUntilConfirmedAsync(updateId);

        Assert.Equal((updateId, (long?)user.Id, "s3cret_token-1"), (delivery.UpdateId, delivery.ChatId, delivery.Secret));
        var info = await Bot.GetWebhookInfo();
        Assert.Equal(receiver.Url.ToString(), info.Url);
        Assert.Equal(0, info.PendingUpdateCount);
        Assert.Equal([receiver.Url], Emulator.WebhookUrls);
    }

    [Fact]
    public async Task Pending_updates_are_pushed_when_the_webhook_is_set()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var user = Emulator.CreateUser("A");
        var updateId = Emulator.SendText(user.Id, "queued before");

        await Bot.SetWebhook(receiver.Url.ToString());

        var delivery = await receiver.NextAsync();
        Assert.Equal(updateId, delivery.UpdateId);
        Assert.Null(delivery.Secret);
    }

    [Fact]
    public async Task Failed_deliveries_are_retried_in_order_and_reported_in_webhook_info()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailNext = 2;
        await Bot.SetWebhook(receiver.Url.ToString());
        var user = Emulator.CreateUser("A");

        var first = Emulator.SendText(user.Id, "one");
        var second = Emulator.SendText(user.Id, "two");
        var deliveries = new List<WebhookReceiver.Delivery>();
        for (var i = 0; i < 4; i++) deliveries.Add(await receiver.NextAsync());
        await Emulator.WaitUntilConfirmedAsync(second);

        Assert.Equal([(first, 500), (first, 500), (first, 200), (second, 200)], deliveries.Select(d => (d.UpdateId, d.Status)));
        var info = await Bot.GetWebhookInfo();
        Assert.Contains("500", info.LastErrorMessage, StringComparison.Ordinal);
        Assert.NotNull(info.LastErrorDate);
    }

    [Fact]
    public async Task A_method_in_the_answer_to_a_push_is_run_before_the_update_counts_as_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Reply = update => ("application/json", JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["method"] = "answerCallbackQuery",
            ["callback_query_id"] = update.GetProperty("callback_query").GetProperty("id").GetString()!,
            ["text"] = "Saved",
        }));
        var (user, messageId) = await ButtonMessageAsync();
        await Bot.SetWebhook(receiver.Url.ToString());

        var pressed = Emulator.PressButton(user.Id, messageId, "a:1");
        await Emulator.WaitUntilConfirmedAsync(pressed);

        Assert.Equal("Saved", Assert.Single(Emulator.CallbackAnswers(user.Id)).Text);
        Assert.Equal((1, 0), (Emulator.WebhookReplyCount("answerCallbackQuery"), Emulator.RequestCount("answerCallbackQuery")));
    }

    [Fact]
    public async Task A_refused_or_unreadable_answer_to_a_push_still_delivers_the_update_and_changes_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (user, messageId) = await ButtonMessageAsync();
        var replies = new Queue<(string, string)>([
            ("application/json", """{"method":"answerCallbackQuery","callback_query_id":"no-such-query"}"""),
            ("application/json", "{not json"),
            ("text/plain", $$"""{"method":"sendMessage","chat_id":{{user.Id}},"text":"not JSON by its type"}"""),
            ("application/json", """{"method":"frobnicate"}"""),
        ]);
        receiver.Reply = _ => replies.Dequeue();
        await Bot.SetWebhook(receiver.Url.ToString());

        var presses = Enumerable.Range(0, 4).Select(_ => Emulator.PressButton(user.Id, messageId, "a:1")).ToList();
        foreach (var press in presses) await Emulator.WaitUntilConfirmedAsync(press);

        var refused = Assert.Single(Emulator.Refused);
        Assert.Equal(("answerCallbackQuery", 400), (refused.Method, refused.ErrorCode));
        Assert.Empty(Emulator.CallbackAnswers(user.Id));
        Assert.Equal(4, presses.Distinct().Count());
        Assert.Equal(0, (await Bot.GetWebhookInfo()).PendingUpdateCount);
        Assert.Single(Emulator.Transcript(user.Id), m => m.FromBot);
    }

    private async Task<(SandboxUser User, int MessageId)> ButtonMessageAsync()
    {
        var user = StartedUser();
        var sent = await Bot.SendMessage(user.Id, "Go?", replyMarkup: new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("Go", "a:1")]]));
        await DrainAsync();
        return (user, sent.Id);
    }

    [Fact]
    public async Task GetUpdates_while_a_webhook_is_set_is_a_conflict()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Bot.SetWebhook(receiver.Url.ToString());

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.GetUpdates());

        Assert.Equal(409, error.ErrorCode);
        Assert.Equal("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first", error.Message);
    }

    [Fact]
    public async Task DeleteWebhook_returns_to_polling_and_can_drop_pending_updates()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailNext = int.MaxValue;
        await Bot.SetWebhook(receiver.Url.ToString());
        var user = Emulator.CreateUser("A");
        var stuck = Emulator.SendText(user.Id, "never accepted");
        await receiver.NextAsync();

        await Bot.DeleteWebhook();
        Assert.Equal(stuck, Assert.Single(await Bot.GetUpdates()).Id);
        await Bot.DeleteWebhook(dropPendingUpdates: true);

        Assert.Empty(await Bot.GetUpdates());
        Assert.Equal("", (await Bot.GetWebhookInfo()).Url);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Emulator.WaitUntilConfirmedAsync(stuck));
    }

    [Fact]
    public async Task Invalid_secret_token_is_refused()
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SetWebhook("http://127.0.0.1:9/hook", secretToken: "no spaces"));

        Assert.Equal("Bad Request: secret token contains unallowed characters", error.Message);
    }

    [Fact]
    public async Task Round_robin_mode_spreads_updates_over_every_registered_url()
    {
        await using var first = await WebhookReceiver.StartAsync();
        await using var second = await WebhookReceiver.StartAsync();
        Emulator.WebhookMode = WebhookMode.RoundRobin;
        await Bot.SetWebhook(first.Url.ToString());
        await Bot.SetWebhook(second.Url.ToString());
        var user = Emulator.CreateUser("A");

        Emulator.SendText(user.Id, "one");
        Emulator.SendText(user.Id, "two");

        Assert.Equal(2, Emulator.WebhookUrls.Count);
        await first.NextAsync();
        await second.NextAsync();
    }
}
