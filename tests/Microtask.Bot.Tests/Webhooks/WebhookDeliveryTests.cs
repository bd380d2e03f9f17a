using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Dapper;
using Microtask.Bot.Tests.Api;
using Microtask.Bot.Webhooks;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Webhooks;

/// <summary>
/// Webhooks posting to a receiver of the test's own over real HTTP: retried with backoff until a 2xx, never after one,
/// signed with the secret the requester was shown, and the requester told once when they keep failing.
/// </summary>
public abstract class WebhookDeliveryTests(string backend) : BotTest(backend, new Dictionary<string, string?>
{
    ["Microtask:Admins:Owners:0"] = AdminId.ToString(CultureInfo.InvariantCulture),
    ["Microtask:Requesters:0"] = RequesterId.ToString(CultureInfo.InvariantCulture),
    ["Microtask:Notices:BudgetLowAnswers"] = "3",
    ["Microtask:Api:Webhooks:AllowLoopback"] = "true",
    ["Microtask:Api:Webhooks:TimeoutSeconds"] = "1",
    ["Microtask:Api:Webhooks:FailuresBeforeNotice"] = "2",
    ["Microtask:Api:Webhooks:MaxAttempts"] = "4",
})
{
    private static readonly string Root = typeof(WebhookDeliveryTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    private const long AdminId = 100001;
    private const long RequesterId = 100002;
    private Player admin = null!;
    private Player requester = null!;
    private WebhookReceiver receiver = null!;

    protected override async Task StartedAsync()
    {
        admin = await Bot.WorkerAsync("Ade", "en");
        requester = await Bot.WorkerAsync("Rini", "en");
        Assert.Equal(RequesterId, requester.Id);
        receiver = await WebhookReceiver.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_receiver_that_fails_then_times_out_then_succeeds_gets_one_accepted_delivery_signed_with_the_secret()
    {
        var project = await OwnedProjectAsync();
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));
        receiver.Answer(500, WebhookReceiver.Hang, 204);
        var secret = await SetAsync(http, project);

        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"projects/{project}/pause", null)).StatusCode);

        // The first attempt is queued with the event: Hangfire's own server makes it.
        await receiver.WaitForAsync(1);
        var id = await AttemptedAsync(1);
        Bot.Time.Advance(WebhookDeliveryJob.Backoff(1));
        await Bot.Get<WebhookDeliveryJob>().RunAsync(id);
        await AttemptedAsync(2);

        var notice = await Bot.WaitForJobMessageAsync(requester.Id, m => m.PlainText.Contains("failed 2 times in a row"), TimeSpan.FromSeconds(15));
        Assert.Contains($"The webhook of project #{project} Labels failed 2 times in a row; last: no answer within 1 s.", notice.PlainText);
        var shown = (await requester.SendAsync($"/webhook {project}")).PlainText;
        Assert.Contains("Failed attempts in a row: 2", shown);
        Assert.Contains("no answer within 1 s", shown);
        Assert.Contains("Waiting to be sent: 1", shown);

        Bot.Time.Advance(WebhookDeliveryJob.Backoff(2));
        await Bot.Get<WebhookDeliveryJob>().RunAsync(id);
        Assert.Equal("delivered", (await EventAsync(id)).State);

        // Delivered: no later run, scheduled or swept, posts it again.
        Bot.Time.Advance(TimeSpan.FromDays(1));
        await Bot.Get<WebhookDeliveryJob>().RunAsync(id);
        await Bot.Get<WebhookSweepJob>().RunAsync();
        await Task.Delay(TimeSpan.FromSeconds(2)); // time for a stray job to post, were there one
        var posts = receiver.Requests;
        Assert.Equal([WebhookReceiver.Hang, 204, 500], posts.Select(p => p.Answered).Order());
        Assert.Single(posts, p => p.Answered is >= 200 and < 300);
        Assert.All(posts, p => Assert.True(p.IsSignedWith(secret), $"{p.Signature} does not sign {p.Timestamp}.{p.Body}"));
        Assert.Single(posts.Select(p => p.Body).Distinct());
        Assert.Single(posts.Select(p => p.EventId).Distinct());
        Assert.Equal("application/json; charset=utf-8", posts[0].ContentType);

        var body = JsonDocument.Parse(posts[0].Body).RootElement;
        Assert.Equal(posts[0].EventId, body.GetProperty("id").GetString());
        Assert.Equal("project.paused", body.GetProperty("type").GetString());
        Assert.Equal(project, body.GetProperty("project_id").GetInt64());
        Assert.Equal("requester", body.GetProperty("data").GetProperty("reason").GetString());
        Assert.True(DateTimeOffset.TryParse(body.GetProperty("created_at").GetString(), CultureInfo.InvariantCulture, out _));

        Assert.Single(requester.BotMessages(), m => m.PlainText.Contains("in a row;"));
        var after = (await requester.SendAsync($"/webhook {project}")).PlainText;
        Assert.DoesNotContain("Failed attempts in a row", after);
        Assert.Contains("Last error", after);
        Assert.DoesNotContain(secret, after);
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_is_given_up_after_its_last_attempt_and_the_requester_is_told_once()
    {
        var project = await OwnedProjectAsync();
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));
        receiver.Otherwise = 503;
        await SetAsync(http, project);
        await http.PostAsync($"projects/{project}/pause", null);
        await receiver.WaitForAsync(1);
        var id = await AttemptedAsync(1);

        for (var attempt = 2; attempt <= 5; attempt++)
        {
            Bot.Time.Advance(WebhookDeliveryJob.Backoff(attempt - 1));
            await Bot.Get<WebhookDeliveryJob>().RunAsync(id);
        }

        Assert.Equal("failed", (await EventAsync(id)).State);
        Assert.Equal(4, receiver.Requests.Count);
        await Bot.WaitForJobMessageAsync(requester.Id, m => m.PlainText.Contains("in a row;"), TimeSpan.FromSeconds(15));
        Assert.Single(requester.BotMessages(), m => m.PlainText.Contains("in a row;"));
        var shown = (await requester.SendAsync($"/webhook {project}")).PlainText;
        Assert.Contains("Failed attempts in a row: 4", shown);
        Assert.Contains("the receiver answered HTTP 503", shown);
        Assert.Contains("Given up after every attempt: 1", shown);
        Assert.Contains("Waiting to be sent: 0", shown);

        var status = await ApiClient.JsonAsync(await http.GetAsync($"projects/{project}/webhook"));
        Assert.Equal(4, status.GetProperty("failures_in_a_row").GetInt32());
        Assert.Equal("http:503", status.GetProperty("last_error").GetProperty("code").GetString());
        Assert.Equal("the receiver answered HTTP 503", status.GetProperty("last_error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_budget_running_low_a_batch_completing_and_the_budget_running_out_each_post_one_event()
    {
        var requesterId = (await Bot.Get<WorkerStore>().FindAsync(requester.Id))!.Id;
        await Bot.Get<LedgerStore>().TopupAsync(requesterId, 1000);
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));
        var created = await http.PostAsync("projects", Json("""
            {"title": "Spam?", "instructions": "Is it spam", "kind": "yes_no", "template": "{{text}}", "reward": 100, "overlap": 1,
             "time_limit_seconds": 120, "budget": 300}
            """));
        var project = (await ApiClient.JsonAsync(created)).GetProperty("id").GetInt64();
        await http.PostAsync($"projects/{project}/activate", null);
        await SetAsync(http, project);
        var report = await ApiClient.JsonAsync(await http.PostAsync($"projects/{project}/batches", new StringContent("text\na\nb\nc\n", Encoding.UTF8, "text/csv")));
        var batch = report.GetProperty("id").GetInt64();
        await http.PostAsync($"batches/{batch}/import", null);

        var worker = await Bot.WorkerAsync("Wati");
        var task = await worker.SendAsync("/task");
        for (var i = 0; i < 3; i++)
        {
            task = await worker.AnswerAsync(task);
        }

        await receiver.WaitForAsync(3);
        await Task.Delay(TimeSpan.FromSeconds(1)); // time for a fourth, were there one
        var events = receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToDictionary(e => e.GetProperty("type").GetString()!, e => e.GetProperty("data"));
        Assert.Equal(["batch.completed", "budget.low", "project.paused"], events.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal(200, events["budget.low"].GetProperty("budget_left").GetInt64());
        Assert.Equal(2, events["budget.low"].GetProperty("answers_left").GetInt64());
        Assert.Equal(batch, events["batch.completed"].GetProperty("batch_id").GetInt64());
        Assert.Equal(3, events["batch.completed"].GetProperty("tasks").GetInt32());
        Assert.Equal("budget", events["project.paused"].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Pauses_by_the_requester_in_the_chat_and_by_an_admin_each_post_an_event()
    {
        var project = await OwnedProjectAsync();
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));
        await SetAsync(http, project);
        var worker = await Bot.WorkerAsync("Wati");
        var task = await worker.SendAsync("/task");
        var reasons = await worker.PressAsync(task, task.Keyboard.SelectMany(r => r).Single(b => b.CallbackData!.StartsWith("r:", StringComparison.Ordinal)).CallbackData!);
        await worker.PressAsync(reasons, reasons.Keyboard.SelectMany(r => r).First(b => b.CallbackData!.StartsWith("rr:", StringComparison.Ordinal)).CallbackData!);

        Assert.Contains("paused", (await requester.SendAsync($"/pause {project}")).PlainText);
        await receiver.WaitForAsync(1);
        var queue = await admin.SendAsync("/reports");
        await admin.PressAsync(queue, queue.Keyboard.SelectMany(r => r).Single(b => b.Text == "Pause the project").CallbackData!);
        await receiver.WaitForAsync(2);

        var reasonsPosted = receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal(["admin", "requester"], reasonsPosted.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_verification_example_in_the_api_docs_accepts_a_delivery_and_refuses_a_tampered_one()
    {
        var project = await OwnedProjectAsync();
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));
        var secret = await SetAsync(http, project);
        await http.PostAsync($"projects/{project}/pause", null);
        await receiver.WaitForAsync(1);
        var post = receiver.Requests[0];
        var doc = await File.ReadAllTextAsync(Path.Combine(Root, "docs", "api.md"));
        var example = doc[(doc.IndexOf("```python\n", StringComparison.Ordinal) + 10)..];
        example = example[..example.IndexOf("```", StringComparison.Ordinal)];

        // The example's own clock is the real one; the delivery's timestamp is the bot's test clock, which has not moved.
        Assert.Equal("True False False", await RunPythonAsync(example + """

            import os, sys
            headers = {"Microtask-Webhook-Timestamp": os.environ["TS"], "Microtask-Webhook-Signature": os.environ["SIG"]}
            body = os.environ["BODY"].encode()
            print(verify(os.environ["SECRET"], headers, body), verify(os.environ["SECRET"], headers, body.replace(b"requester", b"admin")),
                  verify("whsec_other", headers, body))
            """, new() { ["TS"] = post.Timestamp!, ["SIG"] = post.Signature!, ["BODY"] = post.Body, ["SECRET"] = secret }));
    }

    private static async Task<string> RunPythonAsync(string script, Dictionary<string, string> environment)
    {
        var start = new System.Diagnostics.ProcessStartInfo("python3", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var python = System.Diagnostics.Process.Start(start)!;
        var output = python.StandardOutput.ReadToEndAsync();
        var errors = python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(python.ExitCode == 0, await errors);
        return (await output).Trim();
    }

    private async Task<string> SetAsync(HttpClient http, long project)
    {
        var set = await http.PutAsync($"projects/{project}/webhook", Json(JsonSerializer.Serialize(new { url = receiver.Url })));
        Assert.Equal(HttpStatusCode.Created, set.StatusCode);
        return (await ApiClient.JsonAsync(set)).GetProperty("secret").GetString()!;
    }

    private async Task<long> OwnedProjectAsync()
    {
        var owner = (await Bot.Get<WorkerStore>().FindAsync(requester.Id))!.Id;
        return await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Labels", "x", AnswerKind.YesNo, [], "{{text}}", 100, 1, TimeSpan.FromMinutes(5), owner),
            [new NewTask(new Dictionary<string, string> { ["text"] = "a" }), new NewTask(new Dictionary<string, string> { ["text"] = "b" })],
            ProjectState.Active);
    }

    /// <summary>Waits until the one event has had <paramref name="attempts"/> attempts and none is under way; its id.</summary>
    private async Task<long> AttemptedAsync(int attempts)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var row = await EventAsync(null);
            if (row.Attempts == attempts && row.ClaimedUntil is null)
            {
                return row.Id;
            }

            Assert.True(DateTime.UtcNow < until, $"The event has {row.Attempts} attempts, claimed until {row.ClaimedUntil}; waited for {attempts}.");
            await Task.Delay(20);
        }
    }

    private async Task<EventRow> EventAsync(long? id)
    {
        await using var c = await Bot.Get<IDatabase>().OpenAsync(CancellationToken.None);
        return await c.QuerySingleAsync<EventRow>(
            "SELECT id, state, attempts, claimed_until FROM webhook_events" + (id is null ? "" : " WHERE id = @id"), new { id });
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private sealed class EventRow
    {
        public long Id { get; set; }
        public string State { get; set; } = "";
        public long Attempts { get; set; }
        public long? ClaimedUntil { get; set; }
    }
}

public sealed class EmbeddedWebhookDeliveryTests() : WebhookDeliveryTests("Embedded");

public sealed class PostgresWebhookDeliveryTests() : WebhookDeliveryTests("Postgres");
