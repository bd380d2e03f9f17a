using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microtask.Bot.Hosting;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;
using Npgsql;
using StackExchange.Redis;
using IDatabase = Microtask.Storage.IDatabase;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Benchmarks;

/// <summary>
/// The emulator and the real bot host in this process, on one backend: "sqlite" (embedded: SQLite, in-process
/// leases, Hangfire in memory) or "postgres" (a fresh PostgreSQL database, Redis, Hangfire.PostgreSql).
/// </summary>
internal sealed class BotUnderLoad : IAsyncDisposable
{
    private readonly string? scratchDatabase;
    private readonly string? sqlitePath;

    private BotUnderLoad(BotApiEmulator emulator, WebApplication app, string? scratchDatabase, string? sqlitePath)
    {
        Emulator = emulator;
        App = app;
        this.scratchDatabase = scratchDatabase;
        this.sqlitePath = sqlitePath;
    }

    public BotApiEmulator Emulator { get; }

    public WebApplication App { get; }

    public IDatabase Database => App.Services.GetRequiredService<IDatabase>();

    /// <param name="extra">Settings over the load run's own (the onboarding run turns the practice on).</param>
    public static async Task<BotUnderLoad> StartAsync(string backend, BenchOptions options, IDictionary<string, string?>? extra = null)
    {
        var emulator = await BotApiEmulator.StartAsync(new EmulatorOptions { Port = 0 });
        var sqlitePath = Path.Combine(Path.GetTempPath(), "microtask-bench", Guid.NewGuid().ToString("N") + ".db");
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = emulator.Token,
            ["Telegram:ApiBaseUrl"] = emulator.BaseUrl.ToString(),
            ["Telegram:PollingTimeoutSeconds"] = "5",
            ["Urls"] = "http://127.0.0.1:0",
            ["Microtask:SampleProject:Enabled"] = "false",
            ["Microtask:Workers:Practice"] = "false", // the load run measures the steady loop, not a newcomer's first minute
            ["Microtask:SqlitePath"] = sqlitePath,
            // Telegram's own ceilings (30 msg/s overall, 1 msg/s per chat) are lifted: the benchmark measures the bot.
            ["Microtask:Sender:GlobalPerSecond"] = "0",
            ["Microtask:Sender:PerChatPerSecond"] = "100",
            ["Microtask:Sender:PerChatBurst"] = "100",
            ["Microtask:Quotas:PlatformDailyCap"] = "100000", // a fast simulated worker would reach the default 500
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        string? scratch = null;
        if (backend == "postgres")
        {
            scratch = "mt_bench_" + Guid.NewGuid().ToString("N")[..12];
            await AdminAsync($"CREATE DATABASE {scratch}");
            settings["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(BenchOptions.Postgres) { Database = scratch }.ToString();
            settings["ConnectionStrings:Redis"] = BenchOptions.Redis;
            settings["Microtask:RedisPrefix"] = $"mt-bench-{scratch}:";
            await using var redis = await ConnectionMultiplexer.ConnectAsync(BenchOptions.Redis + ",allowAdmin=true");
            await redis.GetDatabase().ExecuteAsync("FLUSHDB");
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = await BotApp.BuildAsync([], settings);
        await app.StartAsync();
        return new BotUnderLoad(emulator, app, scratch, backend == "sqlite" ? sqlitePath : null);
    }

    /// <summary>One active single-choice project with <paramref name="count"/> tasks, created through the store.</summary>
    public Task<long> CreateProjectAsync(int count) =>
        App.Services.GetRequiredService<ProjectStore>().CreateAsync(
            new NewProject("Benchmark", "Pick any option", AnswerKind.SingleChoice, ["a", "b", "c"], "{{text}}", 10, BenchOptions.Overlap, TimeSpan.FromMinutes(10)),
            // Every tenth task is gold ("a", the option the workers press): mixed in at the project's 10 %, scored in its own transaction.
            Enumerable.Range(1, count).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"item {i}" }, i % 10 == 0 ? "a" : null)).ToList(),
            ProjectState.Active);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Emulator.DisposeAsync();
        if (scratchDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync($"DROP DATABASE IF EXISTS {scratchDatabase} WITH (FORCE)");
        }

        if (sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { sqlitePath, sqlitePath + "-wal", sqlitePath + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    public static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(BenchOptions.Postgres);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
