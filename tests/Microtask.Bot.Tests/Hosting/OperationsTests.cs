using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microtask.Bot.Hosting;
using Microtask.Core;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Bot.Tests.Hosting;

/// <summary>What an operator watches: liveness, readiness with the failing check named, and the Prometheus metrics.</summary>
public abstract class OperationsTests(string backend) : BotTest(backend)
{
    private HttpClient http = null!;

    protected override Task StartedAsync()
    {
        http = new HttpClient { BaseAddress = new Uri(Bot.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        http.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Healthz_says_ok()
    {
        var response = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_is_ready_when_all_answer_and_names_telegram_while_the_Bot_API_fails()
    {
        var ready = await http.GetAsync("/readyz");
        var body = await ready.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"database\":\"ok\"", body);
        Assert.Contains("\"telegram\":\"ok\"", body);
        Assert.Equal(Backend == "Postgres", body.Contains("\"redis\":\"ok\""));

        Bot.Emulator.Faults.ServerError(502, count: 1, method: "getMe");
        Bot.Time.Advance(TimeSpan.FromSeconds(6)); // past the cached getMe answer
        var failing = await http.GetAsync("/readyz");
        body = await failing.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
        Assert.Contains("\"failed\":[\"telegram\"]", body);
        Assert.DoesNotContain(Bot.Emulator.Token, body);
        Assert.DoesNotContain("Password", body, StringComparison.OrdinalIgnoreCase);

        // Within the cache the answer stands (probes do not reach Telegram); after it, recovery shows.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);
        Bot.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Readyz_names_telegram_when_the_Bot_API_is_gone()
    {
        await Bot.Emulator.DisposeAsync();
        Bot.Time.Advance(TimeSpan.FromSeconds(6));

        var response = await http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"failed\":[\"telegram\"]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_count_handled_updates_their_latency_and_accepted_answers()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 3);
        var worker = await Bot.WorkerAsync("Dewi");
        var task = await worker.SendAsync("/task");
        await worker.AnswerAsync(task);

        var metrics = await ScrapeAsync(m => Sum(m, "microtask_answers_accepted_total") >= 1);

        Assert.True(Sum(metrics, "microtask_updates_handled_total", "kind=\"callback\"", "outcome=\"handled\"") >= 2, metrics);
        Assert.True(Sum(metrics, "microtask_updates_handled_total", "kind=\"message\"", "outcome=\"handled\"") >= 2, metrics);
        Assert.True(Sum(metrics, "microtask_update_duration_seconds_count", "kind=\"callback\"") >= 2, metrics);
        Assert.Contains("microtask_update_duration_seconds_bucket{", metrics);
        Assert.True(Sum(metrics, "microtask_telegram_sent_total", "method=\"sendMessage\"") >= 3, metrics);
        Assert.Contains("microtask_leases_live", metrics);
        Assert.Contains("microtask_tasks_waiting", metrics);
        Assert.Contains("microtask_hangfire_jobs_failed", metrics);
    }

    [Fact]
    public async Task Tasks_waiting_counts_open_gold_and_ordinary_tasks_of_active_projects()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 3, overlap: 2);
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 1, overlap: 1);
        await Bot.ScalarAsync("UPDATE tasks SET gold_answer = 'yes' WHERE id = (SELECT MIN(id) FROM tasks)");
        var worker = await Bot.WorkerAsync("Ayu");
        await worker.AnswerAsync(await worker.SendAsync("/task")); // one answer and one lease: the project's tasks keep a slot each
        await Bot.ScalarAsync("UPDATE projects SET state = 'Paused' WHERE id = (SELECT MAX(id) FROM projects)");

        // The reading the gauge takes every 10 s (the exporter's side is Metrics_count_handled_updates_...).
        var workload = await ActivatorUtilities.CreateInstance<WorkloadGauges>(Bot.App.Services).ReadAsync(CancellationToken.None);

        Assert.Equal(3, workload.TasksWaiting);
        Assert.Equal(1, workload.LiveLeases);
        Assert.Equal(1L, await Bot.ScalarAsync("SELECT COUNT(*) FROM tasks WHERE gold_answer IS NOT NULL"));
    }

    [Fact]
    public async Task Telegram_refusals_are_counted_by_method_and_error_code()
    {
        var slowed = await Bot.WorkerAsync("Rudi");
        var gone = await Bot.WorkerAsync("Sinta");
        Bot.Emulator.Faults.TooManyRequests(retryAfterSeconds: 1, count: 1, chatId: slowed.Id, method: "sendMessage");
        Bot.Emulator.Faults.Block(gone.Id);

        await slowed.SendAsync("/me");
        await gone.SendAsync("/me");

        var metrics = await ScrapeAsync(m => Sum(m, "microtask_telegram_refused_total", "error_code=\"403\"") >= 1);
        Assert.True(Sum(metrics, "microtask_telegram_refused_total", "method=\"sendMessage\"", "error_code=\"429\"") >= 1, metrics);
        Assert.True(Sum(metrics, "microtask_telegram_refused_total", "method=\"sendMessage\"", "error_code=\"403\"") >= 1, metrics);
    }

    /// <summary>The exporter caches a scrape for a moment: ask again until the condition holds or time is up.</summary>
    private async Task<string> ScrapeAsync(Func<string, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var response = await http.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            if (until(text) || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The sum of a metric's samples whose labels include all of <paramref name="labels"/>.</summary>
    private static double Sum(string metrics, string name, params string[] labels) =>
        metrics.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels.All(label => line.Contains(label, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture));
}

public sealed class EmbeddedOperationsTests() : OperationsTests("Embedded");

public sealed class PostgresOperationsTests() : OperationsTests("Postgres");
