using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microtask.Bot.Hosting;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;
using Microtask.Testing;

namespace Microtask.Bot.Tests;

/// <summary>
/// The real bot host, talking over HTTP with the real Telegram.Bot client to the emulator, on one backend:
/// "Embedded" (SQLite + in-process leases + Hangfire in memory) or "Postgres" (PostgreSQL + Redis + Hangfire.PostgreSql).
/// </summary>
public sealed class BotHarness : IAsyncDisposable
{
    private readonly ScratchDatabase? scratch;

    private BotHarness(BotApiEmulator emulator, WebApplication app, FakeTimeProvider time, ScratchDatabase? scratch)
    {
        Emulator = emulator;
        App = app;
        Time = time;
        this.scratch = scratch;
    }

    public BotApiEmulator Emulator { get; }
    public WebApplication App { get; }
    public FakeTimeProvider Time { get; }

    /// <param name="realTime">Run on the system clock instead of the test's, for tests of the real Hangfire server's timing.</param>
    public static async Task<BotHarness> StartAsync(string backend, IDictionary<string, string?>? extra = null, bool realTime = false)
    {
        var emulator = await BotApiEmulator.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = emulator.Token,
            ["Telegram:ApiBaseUrl"] = emulator.BaseUrl.ToString(),
            ["Telegram:PollingTimeoutSeconds"] = "5",
            ["Urls"] = "http://127.0.0.1:0",
            ["Microtask:SampleProject:Enabled"] = "false",
            ["Microtask:SqlitePath"] = TestServers.SqlitePath(),
            ["Microtask:Sender:PerChatBurst"] = "20",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        ScratchDatabase? scratch = null;
        if (backend == "Postgres")
        {
            scratch = await TestServers.CreatePostgresDatabaseAsync();
            settings["ConnectionStrings:Postgres"] = scratch.ConnectionString;
            settings["ConnectionStrings:Redis"] = TestServers.Redis;
            settings["Microtask:RedisPrefix"] = $"test:{scratch.Name}:";
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = await BotApp.BuildAsync([], settings, services => services.AddSingleton(realTime ? TimeProvider.System : time));
        await app.StartAsync();
        return new BotHarness(emulator, app, time, scratch);
    }

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public Task<long> ProjectAsync(AnswerKind kind, int tasks, int overlap = 3, IReadOnlyList<string>? options = null, string template = "<b>Text:</b> {{text}}", TimeSpan? timeLimit = null) =>
        Get<ProjectStore>().CreateAsync(
            new NewProject($"{kind} project", "Do it well", kind, options ?? (kind == AnswerKind.SingleChoice ? ["cat", "dog"] : []), template, 100, overlap, timeLimit ?? TimeSpan.FromMinutes(5)),
            Enumerable.Range(1, tasks).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"item {i}" })).ToList(),
            ProjectState.Active);

    /// <summary>A new sandbox user who has sent /start and agreed, ready to work.</summary>
    public async Task<Player> WorkerAsync(string name, string language = "en")
    {
        var player = new Player(this, Emulator.CreateUser(name, language));
        var welcome = await player.SendAsync("/start");
        await player.PressAsync(welcome, "c");
        return player;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var c = await Get<IDatabase>().OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>(sql);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Emulator.DisposeAsync();
        if (scratch is not null)
        {
            await scratch.DisposeAsync();
        }
    }
}
