using System.Text;
using Dapper;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microtask.Bot.Hosting;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;
using Microtask.Testing;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

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
        var settings = Settings(emulator);
        settings["Microtask:SqlitePath"] = TestServers.SqlitePath();
        settings["Microtask:Sender:PerChatBurst"] = "20";
        ScratchDatabase? scratch = null;
        if (backend == "Postgres")
        {
            scratch = await TestServers.CreateMigratedPostgresDatabaseAsync(HangfireSchema);
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

    /// <summary>
    /// Hangfire's tables, which the bot installs at start where they are missing: in the template, a bot started on a
    /// copy finds them there.
    /// </summary>
    internal static readonly TemplateExtra HangfireSchema = new(
        $"Hangfire.PostgreSql {typeof(PostgreSqlStorage).Assembly.GetName().Version}",
        connection =>
        {
            PostgreSqlObjectsInstaller.Install(connection, new PostgreSqlStorageOptions().SchemaName);
            return Task.CompletedTask;
        });

    /// <summary>
    /// What every bot a test starts is given: the emulator as Telegram, any free port, no sample project, no practice
    /// after consent (a test's users start at their first paid task; PracticeTests turn it on), and no rating question
    /// after a worker's 10th answer on a project (RateProjectTests turn it on).
    /// </summary>
    public static Dictionary<string, string?> Settings(BotApiEmulator emulator) => new()
    {
        ["Telegram:BotToken"] = emulator.Token,
        ["Telegram:ApiBaseUrl"] = emulator.BaseUrl.ToString(),
        ["Telegram:PollingTimeoutSeconds"] = "5",
        ["Urls"] = "http://127.0.0.1:0",
        ["Microtask:SampleProject:Enabled"] = "false",
        ["Microtask:Workers:Practice"] = "false",
        ["Microtask:Workers:Ratings"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
    };

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

    /// <summary>Waits for a message a Hangfire job sends; when it never comes, the failure says what Hangfire did with the job.</summary>
    public async Task<ChatMessage> WaitForJobMessageAsync(long chatId, Func<ChatMessage, bool> predicate, TimeSpan timeout)
    {
        try
        {
            return await Emulator.WaitForMessageAsync(chatId, predicate, timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nHangfire:\n{await HangfireReportAsync()}", e);
        }
    }

    /// <summary>The service this host's job activator builds, as a job would get it.</summary>
    public object? ActivatedForJobs(Type type)
    {
        using var scope = Get<JobActivator>().BeginScope((JobActivatorContext)null!);
        return scope.Resolve(type);
    }

    /// <summary>
    /// Hangfire's own view of this host's jobs: each job with its state history (a Failed state's data carries the
    /// exception), the queue, the servers and the locks, and whether the job activator is this host's. Hangfire logs to one
    /// process-wide provider (the host that configured it last), so its errors in a test may never reach this host's log.
    /// </summary>
    private async Task<string> HangfireReportAsync()
    {
        var report = new StringBuilder();
        try
        {
            report.AppendLine($"activator builds jobs from this host: {ReferenceEquals(ActivatedForJobs(typeof(JobStorage)), Get<JobStorage>())}");
        }
        catch (ObjectDisposedException e)
        {
            report.AppendLine($"activator builds jobs from a stopped host: {e.Message}");
        }

        if (scratch is null)
        {
            return report.ToString();
        }

        await using var c = await Get<IDatabase>().OpenAsync(CancellationToken.None);
        foreach (var (title, sql) in HangfireTables)
        {
            report.AppendLine($"-- {title} (now {DateTime.UtcNow:HH:mm:ss.fff} UTC)");
            foreach (IDictionary<string, object?> row in await c.QueryAsync(sql))
            {
                report.AppendLine(string.Join(" | ", row.Select(kv => $"{kv.Key}={kv.Value}")));
            }
        }

        return report.ToString();
    }

    private static readonly (string Title, string Sql)[] HangfireTables =
    [
        ("jobs", "SELECT id, statename, invocationdata::text AS job, arguments::text AS args, createdat FROM hangfire.job ORDER BY id"),
        ("states", "SELECT jobid, name, reason, createdat, data::text AS data FROM hangfire.state ORDER BY jobid, id"),
        ("queue", "SELECT jobid, queue, fetchedat FROM hangfire.jobqueue ORDER BY id"),
        ("servers", "SELECT id, lastheartbeat, data::text AS data FROM hangfire.server"),
        ("locks", "SELECT resource, acquired FROM hangfire.lock"),
    ];

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
