using Microtask.Storage.Coordination;

namespace Microtask.Bot.Tests.Cluster;

/// <summary>
/// A chat's updates across instances are ordered by a Redis lock only where several instances can receive them: in
/// webhook mode. In polling mode one instance receives everything (the poller's lease), and the lock would be two Redis
/// round trips and a renewal timer per update for nothing.
/// </summary>
public sealed class ChatGateTests
{
    [Fact]
    public async Task Polling_with_Redis_orders_chats_in_process()
    {
        await using var bot = await BotHarness.StartAsync("Postgres");

        Assert.IsType<InProcessCoordination>(bot.Get<IChatGate>());
        Assert.IsType<RedisCoordination>(bot.Get<ISharedSendRate>());
    }

    [Fact]
    public async Task Webhook_with_Redis_orders_chats_with_the_Redis_lock()
    {
        await using var bot = await BotHarness.StartAsync("Postgres", new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "http://127.0.0.1:9/telegram/webhook",
            ["Telegram:WebhookSecret"] = "gate-test-secret",
        });

        Assert.IsType<RedisCoordination>(bot.Get<IChatGate>());
    }
}
