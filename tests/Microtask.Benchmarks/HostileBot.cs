using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microtask.Bot.Hosting;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;
using Npgsql;
using IDatabase = Microtask.Storage.IDatabase;

using Microtask.Bot.Tests.Telegram;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Benchmarks;

/// <summary>The emulator and the bot in webhook mode on a port of its own, on one backend, with its log counted.</summary>
internal sealed class HostileBot : IAsyncDisposable
{
    private const long RequesterId = 100001; // the first user a fresh emulator makes
    private readonly BotApiEmulator emulator;
    private readonly WebApplication app;
    private readonly string? scratch;
    private readonly string sqlitePath;

    private HostileBot(BotApiEmulator emulator, WebApplication app, string url, string? scratch, string sqlitePath)
    {
        this.emulator = emulator;
        this.app = app;
        Url = url;
        this.scratch = scratch;
        this.sqlitePath = sqlitePath;
    }

    public string Url { get; }

    /// <summary>The emulator (in this process) keeps every refused call: its share of the heap grows with the stream.</summary>
    public int EmulatorRefusals => emulator.Refused.Count;

    public static async Task<HostileBot> StartAsync(string backend, CountingLogs logs)
    {
        var emulator = await BotApiEmulator.StartAsync(new EmulatorOptions { Port = 0 });
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}/telegram/webhook";
        var sqlitePath = Path.Combine(Path.GetTempPath(), "microtask-bench", Guid.NewGuid().ToString("N") + ".db");
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = emulator.Token,
            ["Telegram:ApiBaseUrl"] = emulator.BaseUrl.ToString(),
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = url,
            ["Telegram:WebhookSecret"] = HostileBench.Secret,
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Microtask:SampleProject:Enabled"] = "false",
            ["Microtask:Workers:Practice"] = "false",
            ["Microtask:SqlitePath"] = sqlitePath,
            // Telegram's pace is lifted as in the load tool: strangers' replies are refused anyway ("chat not found").
            ["Microtask:Sender:GlobalPerSecond"] = "0",
            ["Microtask:Sender:PerChatPerSecond"] = "100",
            ["Microtask:Sender:PerChatBurst"] = "100",
            ["Microtask:Requesters:0"] = RequesterId.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            // One warning per hostile request is counted, not printed; errors are printed as well.
            ["Logging:Console:LogLevel:Default"] = "Error",
        };
        string? scratch = null;
        if (backend == "postgres")
        {
            scratch = "mt_bench_" + Guid.NewGuid().ToString("N")[..12];
            await BotUnderLoad.AdminAsync($"CREATE DATABASE {scratch}");
            settings["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(BenchOptions.Postgres) { Database = scratch }.ToString();
            settings["ConnectionStrings:Redis"] = BenchOptions.Redis;
            settings["Microtask:RedisPrefix"] = $"mt-bench-{scratch}:";
        }

        var app = await BotApp.BuildAsync([], settings, services => services.AddSingleton<ILoggerProvider>(logs));
        await app.StartAsync();
        return new HostileBot(emulator, app, url, scratch, sqlitePath);
    }

    /// <summary>
    /// The first user, made a requester by configuration, with a project of their own and files uploaded for the stream to
    /// lie about (call before <see cref="VictimsAsync"/>, which makes users too).
    /// </summary>
    public async Task<HostileRequester> RequesterAsync()
    {
        var user = emulator.CreateUser("Rini", "en");
        if (user.Id != RequesterId)
        {
            throw new InvalidOperationException($"the requester must be the emulator's first user ({RequesterId}), not {user.Id}");
        }

        await PressAsync(user.Id, await SendAsync(user.Id, "/start"), "c");
        var owner = (await app.Services.GetRequiredService<WorkerStore>().FindAsync(RequesterId))!.Id;
        var project = await app.Services.GetRequiredService<ProjectStore>().CreateAsync(
            new NewProject("Uploads", "Pick one", AnswerKind.SingleChoice, ["a", "b"], "{{text}}", 10, 2, TimeSpan.FromHours(2), owner), [], ProjectState.Active);
        return new HostileRequester(user.Id, project, await HostileUpdates.UploadLyingFilesAsync(emulator, user.Id));
    }

    /// <summary>What the bot told the requester: each lying file refused with a reason.</summary>
    public IReadOnlyList<ChatMessage> ToldRequester() => emulator.Transcript(RequesterId).Where(m => m.FromBot).ToList();

    /// <summary>Two workers, each with an answer (and its ledger row) saved and a task leased: what the stream aims at.</summary>
    public async Task<IReadOnlyList<HostileVictim>> VictimsAsync()
    {
        await app.Services.GetRequiredService<ProjectStore>().CreateAsync(
            new NewProject("Hostile", "Pick one", AnswerKind.SingleChoice, ["a", "b"], "{{text}}", 10, 2, TimeSpan.FromHours(2)),
            Enumerable.Range(1, 6).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"item {i}" })).ToList(),
            ProjectState.Active);
        var victims = new List<HostileVictim>();
        foreach (var name in new[] { "Ani", "Budi" })
        {
            var live = await WorkAsync(name);
            var data = live.Keyboard[0][0].CallbackData!;
            victims.Add(new HostileVictim(live.ChatId, [long.Parse(data.Split(':')[1], CultureInfo.InvariantCulture)], live.MessageId));
        }

        return victims;
    }

    /// <summary>A newcomer starts, agrees, answers one task and is shown the next, leased; returns that task's message.</summary>
    private async Task<ChatMessage> WorkAsync(string name)
    {
        var user = emulator.CreateUser(name, "en");
        var welcome = await SendAsync(user.Id, "/start");
        await PressAsync(user.Id, welcome, "c");
        var task = await SendAsync(user.Id, "/task");
        return await PressAsync(user.Id, task, task.Keyboard[0][0].CallbackData!);
    }

    public async Task<bool> HonestWorkerIsServedAsync()
    {
        try
        {
            var answers = await CountAsync("SELECT COUNT(*) FROM answers");
            var next = await WorkAsync("Citra");
            return next.Keyboard.Count > 0 && await CountAsync("SELECT COUNT(*) FROM answers") == answers + 1;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            Console.WriteLine($"honest worker not served: {e.Message}");
            return false;
        }
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

    private async Task<long> CountAsync(string sql)
    {
        await using var c = await app.Services.GetRequiredService<IDatabase>().OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>Every table's rows but the strangers' worker rows, as text; and the strangers' Telegram ids.</summary>
    public async Task<(string Data, List<long> Strangers)> SnapshotAsync()
    {
        await using var c = await app.Services.GetRequiredService<IDatabase>().OpenAsync(CancellationToken.None);
        var tables = c is Microsoft.Data.Sqlite.SqliteConnection
            ? await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            : await c.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name");
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            var filter = table == "workers" ? " WHERE telegram_id < 5000000000" : "";
            text.AppendLine($"== {table}");
            foreach (IDictionary<string, object?> row in await c.QueryAsync($"SELECT * FROM {table}{filter} ORDER BY 1"))
            {
                text.AppendLine(string.Join(" | ", row.Select(kv => $"{kv.Key}={kv.Value}")));
            }
        }

        return (text.ToString(), (await c.QueryAsync<long>("SELECT telegram_id FROM workers WHERE telegram_id >= 5000000000")).ToList());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await emulator.DisposeAsync();
        if (scratch is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await BotUnderLoad.AdminAsync($"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { sqlitePath, sqlitePath + "-wal", sqlitePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}

/// <summary>Counts what the bot logs at Warning and above; keeps the first error's text.</summary>
internal sealed class CountingLogs : ILoggerProvider
{
    private int warnings;
    private int errors;

    public int Warnings => warnings;

    public int Errors => errors;

    public string? FirstError { get; private set; }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CountingLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                Interlocked.Increment(ref owner.errors);
                owner.FirstError ??= $"{category}: {formatter(state, exception)} {exception?.GetType().Name}";
            }
            else if (logLevel == LogLevel.Warning)
            {
                Interlocked.Increment(ref owner.warnings);
            }
        }
    }
}
