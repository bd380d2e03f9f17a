using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microtask.Bot.Hosting;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;
using Microtask.Testing;
using Npgsql;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Bot.Tests.Outages;

/// <summary>
/// Redis and PostgreSQL going away under the bot and coming back, through a relay the test cuts: the bot keeps
/// answering without Redis, says "try again" without PostgreSQL, loses no confirmed answer, and recovers by itself.
/// </summary>
public sealed class OutageTests : IAsyncLifetime
{
    private const string Failure = "Sorry, something went wrong on our side. Please try again in a moment.";
    private BotApiEmulator emulator = null!;
    private ScratchDatabase scratch = null!;
    private TcpCut postgres = null!;
    private TcpCut redis = null!;
    private WebApplication app = null!;

    public async Task InitializeAsync()
    {
        emulator = await BotApiEmulator.StartAsync();
        scratch = await TestServers.CreateMigratedPostgresDatabaseAsync(BotHarness.HangfireSchema);
        var pg = new NpgsqlConnectionStringBuilder(scratch.ConnectionString);
        postgres = TcpCut.To(pg.Host!, pg.Port);
        var redisAddress = TestServers.Redis.Split(',')[0].Split(':');
        redis = TcpCut.To(redisAddress[0], redisAddress.Length > 1 ? int.Parse(redisAddress[1]) : 6379);
        pg.Host = "127.0.0.1";
        pg.Port = postgres.Port;
        pg.Timeout = 3;
        var settings = BotHarness.Settings(emulator);
        settings["Telegram:PollingTimeoutSeconds"] = "1";
        settings["ConnectionStrings:Postgres"] = pg.ToString();
        settings["ConnectionStrings:Redis"] = $"127.0.0.1:{redis.Port},connectTimeout=1000";
        settings["Microtask:RedisPrefix"] = $"test:{scratch.Name}:";
        settings["Microtask:Sender:PerChatBurst"] = "50";
        settings["Logging:LogLevel:Default"] = "Critical";
        app = await BotApp.BuildAsync([], settings, _ => { });
        await app.StartAsync();
        await app.Services.GetRequiredService<ProjectStore>().CreateAsync(
            new NewProject("Outage", "Answer", AnswerKind.YesNo, [], "{{text}}", 10, 1, TimeSpan.FromMinutes(5)),
            Enumerable.Range(1, 20).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"item {i}" })).ToList(),
            ProjectState.Active);
    }

    public async Task DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await postgres.DisposeAsync();
        await redis.DisposeAsync();
        await emulator.DisposeAsync();
        await scratch.DisposeAsync();
    }

    [Fact]
    public async Task Without_Redis_the_bot_keeps_answering_and_when_it_is_back_it_goes_on_using_it()
    {
        var (user, task) = await WorkerAsync("Rudi");
        task = await AnswerAsync(user, task);

        redis.Cut();
        for (var i = 0; i < 3; i++)
        {
            task = await AnswerAsync(user, task);
        }

        redis.Restore();
        for (var i = 0; i < 3; i++)
        {
            task = await AnswerAsync(user, task);
        }

        Assert.DoesNotContain(emulator.Transcript(user).Where(m => m.FromBot), m => m.PlainText == Failure);
        Assert.Equal(7, await CountAsync("SELECT COUNT(*) FROM answers"));
        // The bot reconnects to Redis by itself (its heartbeat retries; a loaded machine may take a few seconds).
        var multiplexer = app.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>();
        for (var i = 0; i < 150 && !multiplexer.IsConnected; i++)
        {
            await Task.Delay(100);
        }

        Assert.True(multiplexer.IsConnected);
        Assert.Contains("item", task.PlainText);
    }

    [Fact]
    public async Task Without_PostgreSQL_a_press_gets_try_again_and_when_it_is_back_the_same_press_is_saved()
    {
        var (user, task) = await WorkerAsync("Pita");
        task = await AnswerAsync(user, task);

        postgres.Cut();
        var refused = await PressAsync(user, task, task.Keyboard[0][0].CallbackData!);
        Assert.Equal(Failure, refused.PlainText);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM answers"));

        postgres.Restore();
        // The bot was not restarted: the same button, pressed again once, is saved and the next task comes (the
        // failure emptied the connection pools, so no dead pooled connection meets the first request after the cut).
        var next = await AnswerAsync(user, task);
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM answers"));
        next = await AnswerAsync(user, next);
        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM answers"));
        Assert.Contains("item", next.PlainText);
    }

    private bool Saved(long user, ChatMessage task) =>
        emulator.Transcript(user).Single(m => m.MessageId == task.MessageId).PlainText.Contains("Saved: Yes", StringComparison.Ordinal);

    private async Task<(long User, ChatMessage Task)> WorkerAsync(string name)
    {
        var user = emulator.CreateUser(name, "en").Id;
        var welcome = await SendAsync(user, "/start");
        var ready = await PressAsync(user, welcome, "c");
        return (user, await PressAsync(user, ready, "n"));
    }

    /// <summary>Answers the task and returns the next one, checking the answer was saved.</summary>
    private async Task<ChatMessage> AnswerAsync(long user, ChatMessage task)
    {
        var next = await PressAsync(user, task, task.Keyboard[0][0].CallbackData!);
        Assert.True(Saved(user, task), string.Join("\n", emulator.Transcript(user).Select(m => m.PlainText)));
        return next;
    }

    private async Task<ChatMessage> SendAsync(long user, string text)
    {
        await emulator.WaitUntilConfirmedAsync(emulator.SendText(user, text), TimeSpan.FromSeconds(30));
        return emulator.Transcript(user).Last(m => m.FromBot);
    }

    private async Task<ChatMessage> PressAsync(long user, ChatMessage message, string data)
    {
        await emulator.WaitUntilConfirmedAsync(emulator.PressButton(user, message.MessageId, data), TimeSpan.FromSeconds(30));
        return emulator.Transcript(user).Last(m => m.FromBot);
    }

    /// <summary>Straight to PostgreSQL, past the relay.</summary>
    private async Task<long> CountAsync(string sql)
    {
        await using var c = new NpgsqlConnection(scratch.ConnectionString);
        return await c.ExecuteScalarAsync<long>(sql);
    }
}
