using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using Microtask.Bot.Shared;

namespace Microtask.Bot.Tests.Hosting;

/// <summary>Settings in nested sections are checked at start like the others; the Docker image listens beyond its own loopback.</summary>
public sealed class SettingsCheckTests
{
    private const string Token = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    [Theory]
    [InlineData("Microtask:Currency:Decimals", "7", "Microtask:Currency:Decimals must be between 0 and 4")]
    [InlineData("Microtask:Notices:BudgetLowAnswers", "0", "Microtask:Notices:BudgetLowAnswers must be between 1 and 1000000")]
    [InlineData("Microtask:Sandbox:Port", "70000", "Microtask:Sandbox:Port must be between 0 and 65535")]
    [InlineData("Microtask:DefaultLanguage", "fr", "Microtask:DefaultLanguage must be 'id' or 'en'")]
    [InlineData("Microtask:Disputes:SharePercent", "40", "Microtask:Disputes:SharePercent must be between 51 and 100")]
    [InlineData("Microtask:Disputes:Disputes", "0", "Microtask:Disputes:Disputes must be between 1 and 1000")]
    public async Task A_bad_nested_value_stops_the_bot_naming_the_setting_and_its_range(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = await BotApp.BuildAsync([], new Dictionary<string, string?> { ["Telegram:BotToken"] = Token, ["Urls"] = "http://127.0.0.1:0", [key] = value });
            await app.StartAsync();
        });

        Assert.Contains(error.Failures, failure => failure.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_dispute_thresholds_come_from_the_settings()
    {
        await using var app = await BotApp.BuildAsync([], new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = Token,
            ["Urls"] = "http://127.0.0.1:0",
            ["Microtask:Disputes:Disputes"] = "2",
            ["Microtask:Disputes:SharePercent"] = "80",
        });

        Assert.Equal(new Microtask.Core.Quality.DisputeThresholds(2, 3, 80), app.Services.GetRequiredService<Microtask.Storage.GoldDisputeStore>().Thresholds);
    }

    [Fact]
    public async Task A_sandbox_port_out_of_range_stops_the_sandbox_with_one_line()
    {
        var error = await Assert.ThrowsAsync<StartupException>(() => BotApp.BuildAsync([], new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = "",
            ["Microtask:Sandbox:Port"] = "70000",
        }));

        Assert.Equal("Microtask:Sandbox:Port must be between 0 and 65535", error.Message);
    }

    [Fact]
    public async Task Bad_settings_are_one_line_on_stderr_with_every_quote_closed()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Microtask.Bot.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["Telegram__BotToken"] = Token;
        start.Environment["Urls"] = "http://127.0.0.1:0";
        start.Environment["Microtask__DefaultLanguage"] = "fr";
        start.Environment["Microtask__Currency__Decimals"] = "9";

        start.Environment["Telegram__ApiBaseUrl"] = "http://127.0.0.1:1";
        start.Environment["Microtask__SqlitePath"] = Microtask.Testing.TestServers.SqlitePath();

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true); // it started instead of stopping: the test fails below
                await process.WaitForExitAsync();
            }
        }

        Assert.Equal(1, process.ExitCode);
        Assert.Equal(
            ["Microtask.Bot cannot start: Microtask:DefaultLanguage must be 'id' or 'en'; Microtask:Currency:Decimals must be between 0 and 4"],
            (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.DoesNotContain("   at ", await stdout);
    }

    /// <summary>
    /// The image's environment, on top of config/appsettings.json as the bot reads them: the bot must listen on every
    /// interface of its container, or neither a published port nor a load balancer reaches it.
    /// </summary>
    [Fact]
    public async Task The_docker_image_makes_the_bot_listen_on_every_interface()
    {
        var dockerfile = await File.ReadAllLinesAsync(Path.Combine(RepositoryRoot(), "Dockerfile"));
        var runtime = dockerfile.SkipWhile(l => !l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet", StringComparison.Ordinal));
        var environment = new Dictionary<string, string?>();
        foreach (var line in string.Join('\n', runtime).Replace("\\\n", " ", StringComparison.Ordinal).Split('\n').Where(l => l.StartsWith("ENV ", StringComparison.Ordinal)))
        {
            foreach (var pair in line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                environment[pair.Split('=')[0]] = pair[(pair.IndexOf('=') + 1)..];
            }
        }

        environment["Telegram:BotToken"] = Token;
        await using var app = await BotApp.BuildAsync([], environment);

        var urls = app.Configuration["Urls"]!.Split(';');
        Assert.All(urls, url => Assert.Matches(@"^http://(0\.0\.0\.0|\+|\*|\[::\]):8080$", url));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Microtask.Bot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException($"no Microtask.Bot.sln above {AppContext.BaseDirectory}");
    }
}
