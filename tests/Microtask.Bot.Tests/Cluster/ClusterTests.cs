using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microtask.Bot.Hosting;
using Microtask.Bot.Workers;
using Microtask.Testing;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Money;
using Microtask.Bot.Views;
using Microtask.Bot.Requesters;

namespace Microtask.Bot.Tests.Cluster;

/// <summary>
/// Several instances in webhook mode behind one address — the emulator delivering updates to them round-robin —
/// sharing PostgreSQL, Redis and Hangfire: the work is shared, Telegram's send limits hold for all of them together,
/// and polling mode refuses a second poller.
/// </summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private const string Secret = "cluster-secret";
    private BotApiEmulator emulator = null!;
    private ScratchDatabase scratch = null!;
    private readonly List<WebApplication> apps = [];
    private readonly List<int> handled = [];

    public async Task InitializeAsync()
    {
        emulator = await BotApiEmulator.StartAsync();
        emulator.WebhookMode = WebhookMode.RoundRobin;
        scratch = await TestServers.CreateMigratedPostgresDatabaseAsync(BotHarness.HangfireSchema);
    }

    public async Task DisposeAsync()
    {
        foreach (var app in apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await emulator.DisposeAsync();
        await scratch.DisposeAsync();
    }

    [Fact]
    public async Task Three_instances_behind_round_robin_webhooks_share_the_work_and_one_send_rate()
    {
        for (var i = 0; i < 3; i++)
        {
            await StartAsync(Webhook(FreePort()));
        }

        var store = apps[0].Services.GetRequiredService<ProjectStore>();
        await store.CreateAsync(
            new NewProject("Shared", "Answer", AnswerKind.YesNo, [], "{{text}}", 10, 2, TimeSpan.FromMinutes(5)),
            Enumerable.Range(1, 30).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"item {i}" })).ToList(),
            ProjectState.Active);

        // Telegram's limits, enforced by the emulator a little above what the bot is told to keep: with each instance
        // counting for itself, three of them would send three times the bot's rate and meet 429s.
        emulator.Faults.EnableRateLimits(perChatPerSecond: 1, perChatBurst: 5, globalPerSecond: 12);
        var workers = Enumerable.Range(1, 10).Select(i => emulator.CreateUser($"W{i}", "en")).ToList();
        await Task.WhenAll(workers.Select(async user =>
        {
            var welcome = await SendAsync(user.Id, "/start");
            var task = await PressAsync(user.Id, welcome, "c");
            task = await PressAsync(user.Id, task, "n");
            for (var n = 0; n < 3; n++)
            {
                task = await PressAsync(user.Id, task, task.Keyboard[0][0].CallbackData!);
            }
        }));

        Assert.Equal(0, emulator.Faults.RateLimited);
        Assert.Equal(30, await ScalarAsync("SELECT COUNT(*) FROM answers"));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM tasks WHERE answers > overlap"));
        Assert.Equal(30, await ScalarAsync("SELECT COUNT(DISTINCT (task_id, worker_id)) FROM answers"));
        Assert.All(handled, count => Assert.True(count > 10, $"updates per instance: {string.Join(", ", handled)}"));
        foreach (var user in workers)
        {
            // One chat's updates in order across instances: each answer was saved before the next task came.
            var messages = emulator.Transcript(user.Id).Where(m => m.FromBot && m.PlainText.Contains("item")).ToList();
            Assert.Equal(4, messages.Count);
            Assert.All(messages.Take(3), m => Assert.Contains("Saved: Yes", m.PlainText));
        }
    }

    [Fact]
    public async Task A_lease_reminder_runs_once_across_the_instances_job_servers()
    {
        for (var i = 0; i < 3; i++)
        {
            var settings = Webhook(FreePort());
            settings["Microtask:Leases:ReminderBefore"] = "00:00:08"; // room for a loaded machine's scheduling delay
            await StartAsync(settings);
        }

        await apps[0].Services.GetRequiredService<ProjectStore>().CreateAsync(
            new NewProject("Timed", "Answer", AnswerKind.YesNo, [], "{{text}}", 10, 1, TimeSpan.FromSeconds(16)),
            [new NewTask(new Dictionary<string, string> { ["text"] = "item 1" })],
            ProjectState.Active);
        var user = emulator.CreateUser("Rani", "en");
        var welcome = await SendAsync(user.Id, "/start");
        var ready = await PressAsync(user.Id, welcome, "c");
        var task = await PressAsync(user.Id, ready, "n");

        // Three job servers poll one Hangfire storage: the reminder and the expiry each run on exactly one of them.
        await emulator.WaitForMessageAsync(user.Id, m => m.PlainText.Contains("left on your task"), TimeSpan.FromSeconds(30));
        await emulator.WaitForMessageAsync(user.Id, m => m.MessageId == task.MessageId && m.PlainText.Contains("Time is up"), TimeSpan.FromSeconds(30));
        await LeaseClockDoneAsync();
        Assert.Single(emulator.Transcript(user.Id), m => m.FromBot && m.PlainText.Contains("left on your task"));
        Assert.Equal("expired", await StateAsync());
        Assert.Equal(0, await ScalarAsync("SELECT leases FROM tasks"));
    }

    [Fact]
    public async Task Two_instances_sending_a_new_picture_at_the_same_moment_upload_it_once()
    {
        await StartAsync(Webhook(FreePort()));
        await StartAsync(Webhook(FreePort()));
        var png = SampleMedia.Png(40, 30);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png));
        await apps[0].Services.GetRequiredService<MediaStore>().AddBlobsAsync([new MediaBlob(sha, "image/png", "shape.png", png)]);
        var project = new Project(0, "Pictures", "Look", AnswerKind.YesNo, [], "{{image:photo}}\n{{text}}", 10, 2, TimeSpan.FromMinutes(5), ProjectState.Active);
        var fields = new Dictionary<string, string> { ["photo"] = MediaRef.UploadPrefix + sha, ["text"] = "one" };
        var users = new[] { emulator.CreateUser("Ana", "en"), emulator.CreateUser("Ben", "en") };
        foreach (var user in users)
        {
            await SendAsync(user.Id, "/start");
        }

        // The first upload to reach Telegram is slow: without a lock across instances the other uploads it meanwhile.
        emulator.Faults.Hang(TimeSpan.FromSeconds(1), method: "sendPhoto");
        var sent = await Task.WhenAll(users.Select((user, i) => apps[i].Services.GetRequiredService<TaskDelivery>().SendAsync(
            user.Id, project, fields, "<b>one</b>", TaskMessage.Keyboard(project, _ => new PreviewButton(), new PreviewButton(), new PreviewButton()), CancellationToken.None)));

        Assert.All(sent, message => Assert.NotNull(message!.Photo));
        Assert.Equal(1, emulator.FilesGiven(FileSource.Upload));
        Assert.Equal(1, emulator.FilesGiven(FileSource.FileId));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM media_files"));
    }

    [Fact]
    public async Task A_second_instance_in_polling_mode_refuses_to_start()
    {
        await StartAsync([]);
        var second = await Assert.ThrowsAsync<StartupException>(() => StartAsync([]));
        Assert.Contains("another instance of this bot is already polling Telegram", second.Message);
        Assert.Contains("webhook mode", second.Message);

        // The first goes on polling: a worker is answered.
        var user = emulator.CreateUser("Pia", "en");
        var welcome = await SendAsync(user.Id, "/start");
        Assert.Contains("Hi Pia", welcome.PlainText);
    }

    private static Dictionary<string, string?> Webhook(int port) => new()
    {
        ["Telegram:Mode"] = "Webhook",
        ["Telegram:WebhookUrl"] = $"http://127.0.0.1:{port}/telegram/webhook",
        ["Telegram:WebhookSecret"] = Secret,
        ["Urls"] = $"http://127.0.0.1:{port}",
    };

    private async Task StartAsync(Dictionary<string, string?> extra)
    {
        var settings = BotHarness.Settings(emulator);
        settings["Telegram:PollingTimeoutSeconds"] = "1";
        settings["ConnectionStrings:Postgres"] = scratch.ConnectionString;
        settings["ConnectionStrings:Redis"] = TestServers.Redis;
        settings["Microtask:RedisPrefix"] = $"test:{scratch.Name}:";
        settings["Microtask:Sender:GlobalPerSecond"] = "10";
        settings["Microtask:Sender:PerChatPerSecond"] = "1";
        settings["Microtask:Sender:PerChatBurst"] = "3";
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var app = await BotApp.BuildAsync([], settings, _ => { });
        var index = handled.Count;
        handled.Add(0);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/telegram/webhook"))
            {
                lock (handled)
                {
                    handled[index]++;
                }
            }

            await next();
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        apps.Add(app);
    }

    private async Task<ChatMessage> SendAsync(long userId, string text)
    {
        var update = emulator.SendText(userId, text);
        await emulator.WaitUntilConfirmedAsync(update, TimeSpan.FromSeconds(60));
        return emulator.Transcript(userId).Last(m => m.FromBot);
    }

    private async Task<ChatMessage> PressAsync(long userId, ChatMessage message, string data)
    {
        var update = emulator.PressButton(userId, message.MessageId, data);
        await emulator.WaitUntilConfirmedAsync(update, TimeSpan.FromSeconds(60));
        return emulator.Transcript(userId).Last(m => m.FromBot);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var c = await apps[0].Services.GetRequiredService<IDatabase>().OpenAsync(CancellationToken.None);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, sql);
    }

    /// <summary>
    /// Waits until every run of the lease clock's job has finished, so that a second run of the reminder's tick (on
    /// another server) would have sent its copy by now.
    /// </summary>
    private async Task LeaseClockDoneAsync()
    {
        var sql = $"""
            SELECT COUNT(*) FROM hangfire.job
            WHERE invocationdata::text LIKE '%{nameof(LeaseTickJob)}%' AND COALESCE(statename, '') NOT IN ('Succeeded', 'Failed', 'Deleted')
            """;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ScalarAsync(sql) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the lease clock's jobs did not finish");
            await Task.Delay(100);
        }
    }

    private async Task<string> StateAsync()
    {
        await using var c = await apps[0].Services.GetRequiredService<IDatabase>().OpenAsync(CancellationToken.None);
        return (await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "SELECT state FROM assignments"))!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
