using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using Microtask.Storage;
using Microtask.Testing;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Bot.Tests.Hosting;

/// <summary>Start-up: bad settings stop the bot with a clear line; the sample project loads into an empty database once.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task A_malformed_token_stops_the_bot_with_a_clear_reason_that_does_not_echo_it()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            var app = await BotApp.BuildAsync([], new Dictionary<string, string?> { ["Telegram:BotToken"] = "not-a-token-SECRET", ["Urls"] = "http://127.0.0.1:0" });
            await app.StartAsync();
        });

        Assert.Contains("Telegram:BotToken is malformed", error.Message);
        Assert.DoesNotContain("SECRET", error.Message);
        Assert.Equal(1, await BotApp.RunAsync(["--Telegram:BotToken=not-a-token-SECRET", "--Urls=http://127.0.0.1:0"]));
    }

    [Fact]
    public async Task A_token_the_Bot_API_refuses_stops_the_bot()
    {
        await using var emulator = await Microtask.Sandbox.BotApiEmulator.StartAsync();
        var app = await BotApp.BuildAsync([], new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = "7000000001:SOMEONE-ELSES-token-bbbbbbbbbbbb",
            ["Telegram:ApiBaseUrl"] = emulator.BaseUrl.ToString(),
            ["Microtask:SqlitePath"] = TestServers.SqlitePath(),
            ["Urls"] = "http://127.0.0.1:0",
        });

        var error = await Assert.ThrowsAsync<StartupException>(() => app.StartAsync());

        Assert.StartsWith("the Bot API refused the bot token (401", error.Message);
        Assert.DoesNotContain("SOMEONE-ELSES", error.Message);
    }

    [Fact]
    public async Task An_unreachable_database_stops_the_bot_naming_the_server_but_not_the_password()
    {
        var app = await BotApp.BuildAsync([], new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            ["Telegram:ApiBaseUrl"] = "http://127.0.0.1:1",
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Username=u;Password=hunter2;Database=x;Timeout=2",
            ["Urls"] = "http://127.0.0.1:0",
        });

        var error = await Assert.ThrowsAsync<StartupException>(() => app.StartAsync());

        Assert.StartsWith("PostgreSQL at 127.0.0.1:1 is unreachable", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public async Task The_sample_project_loads_into_an_empty_embedded_database_once()
    {
        var path = TestServers.SqlitePath();
        var extra = new Dictionary<string, string?> { ["Microtask:SampleProject:Enabled"] = "true", ["Microtask:SqlitePath"] = path };
        await using (var first = await BotHarness.StartAsync("Embedded", extra))
        {
            Assert.Equal(36, await first.ScalarAsync("SELECT COUNT(*) FROM tasks"));
        }

        await using var second = await BotHarness.StartAsync("Embedded", extra);
        Assert.Equal(1, await second.ScalarAsync("SELECT COUNT(*) FROM projects"));
        var player = await second.WorkerAsync("Sari", "id");
        Assert.Contains("Sentimen ulasan produk", (await player.SendAsync("/task")).PlainText);
    }
}
