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
        var (exit, stdout, stderr) = await RunBotAsync(new Dictionary<string, string> { ["Telegram__BotToken"] = "not-a-token-SECRET", ["Urls"] = "http://127.0.0.1:0" });
        Assert.Equal(1, exit);
        var line = Assert.Single(Lines(stderr));
        Assert.StartsWith("Microtask.Bot cannot start: Telegram:BotToken is malformed", line);
        Assert.DoesNotContain("   at ", stdout + stderr);
        Assert.DoesNotContain("SECRET", stdout + stderr);
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
    public async Task A_token_the_Bot_API_refuses_is_one_line_on_stderr_and_exit_code_1_with_no_stack_trace()
    {
        await using var emulator = await Microtask.Sandbox.BotApiEmulator.StartAsync();
        var (exit, stdout, stderr) = await RunBotAsync(new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = "7000000001:SOMEONE-ELSES-token-bbbbbbbbbbbb",
            ["Telegram__ApiBaseUrl"] = emulator.BaseUrl.ToString(),
            ["Microtask__SqlitePath"] = TestServers.SqlitePath(),
            ["Urls"] = "http://127.0.0.1:0",
        });

        Assert.Equal(1, exit);
        Assert.Equal(["Microtask.Bot cannot start: the Bot API refused the bot token (401 Unauthorized); check Telegram:BotToken"], Lines(stderr));
        Assert.DoesNotContain("   at ", stdout + stderr);
        Assert.DoesNotContain("SOMEONE-ELSES", stdout + stderr);
    }

    /// <summary>Runs the bot as an operator would (its own process, settings from the environment) until it exits.</summary>
    private static async Task<(int Exit, string Stdout, string Stderr)> RunBotAsync(Dictionary<string, string> environment)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Microtask.Bot.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

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
            Assert.Equal(12 + 36, await first.ScalarAsync("SELECT COUNT(*) FROM tasks"));
        }

        await using var second = await BotHarness.StartAsync("Embedded", extra);
        Assert.Equal(2, await second.ScalarAsync("SELECT COUNT(*) FROM projects"));
        Assert.Equal(12, await second.ScalarAsync("SELECT COUNT(*) FROM media_blobs"));
        var player = await second.WorkerAsync("Sari", "id");
        // A newcomer's first task is a picture to label.
        var task = await player.SendAsync("/task");
        Assert.Equal(new Sandbox.ImageSize(480, 480), task.Photo);
        Assert.Contains("Bentuk apa ini?", task.PlainText);
    }
}
