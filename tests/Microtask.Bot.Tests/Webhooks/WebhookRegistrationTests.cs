using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microtask.Bot.Tests.Api;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Webhooks;

/// <summary>
/// Setting a webhook, with the bot's default guard: https only, public addresses only, at registration and again at
/// delivery. Refusals are clear (a problem in the API, the requester's language in the chat) and store nothing.
/// </summary>
public abstract class WebhookRegistrationTests(string backend) : BotTest(backend, new Dictionary<string, string?>
{
    ["Microtask:Requesters:0"] = RequesterId.ToString(CultureInfo.InvariantCulture),
    ["Microtask:Requesters:1"] = OtherId.ToString(CultureInfo.InvariantCulture),
})
{
    private const long RequesterId = 100001;
    private const long OtherId = 100002;
    private Player requester = null!;
    private Player other = null!;

    protected override async Task StartedAsync()
    {
        requester = await Bot.WorkerAsync("Rini", "en");
        other = await Bot.WorkerAsync("Odi", "id");
        Assert.Equal(OtherId, other.Id);
    }

    [Theory]
    [InlineData("http://93.184.215.14/hook", "not-https")]
    [InlineData("https://127.0.0.1/hook", "private-address")]
    [InlineData("https://10.1.2.3/hook", "private-address")]
    [InlineData("https://192.168.0.10:8443/hook", "private-address")]
    [InlineData("https://172.20.0.1/hook", "private-address")]
    [InlineData("https://169.254.169.254/latest/meta-data", "private-address")]
    [InlineData("https://[::1]/hook", "private-address")]
    [InlineData("https://[fd00::1]/hook", "private-address")]
    [InlineData("https://[::ffff:10.0.0.1]/hook", "private-address")]
    [InlineData("https://localhost/hook", "private-address")]
    [InlineData("https://0.0.0.0/hook", "private-address")]
    [InlineData("ftp://93.184.215.14/hook", "malformed")]
    [InlineData("https://user:secret@93.184.215.14/hook", "malformed")]
    [InlineData("not an address", "malformed")]
    public async Task A_refused_address_is_a_problem_naming_why_and_nothing_is_stored(string url, string code)
    {
        var project = await OwnedProjectAsync(requester);
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));

        var problem = await ApiClient.ProblemAsync(await http.PutAsync($"projects/{project}/webhook", Json(new { url })), 422);

        Assert.Equal("https://microtask.bot/problems/webhook-url", problem.GetProperty("type").GetString());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM webhooks"));
        await ApiClient.ProblemAsync(await http.GetAsync($"projects/{project}/webhook"), 404);
    }

    [Fact]
    public async Task A_body_that_is_not_a_webhook_is_a_problem_and_nothing_is_stored()
    {
        var project = await OwnedProjectAsync(requester);
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));

        foreach (var body in new[] { "{\"url\": \"https://93.184.215.14/\", \"events\": []}", "{}", "[1]", "url=x" })
        {
            var problem = await ApiClient.ProblemAsync(await http.PutAsync($"projects/{project}/webhook", new StringContent(body, Encoding.UTF8, "application/json")), 422);
            Assert.Equal("https://microtask.bot/problems/malformed-json", problem.GetProperty("type").GetString());
        }

        await ApiClient.ProblemAsync(await http.PutAsync($"projects/{project}/webhook", Json(new { url = "https://93.184.215.14/" + new string('x', 5000) })), 413);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM webhooks"));
    }

    [Fact]
    public async Task Refusals_in_the_chat_are_in_the_requesters_language_and_store_nothing()
    {
        var project = await OwnedProjectAsync(other);

        Assert.Equal(
            "Hanya alamat https:// yang diizinkan: tanpa itu peristiwa dikirim tanpa enkripsi.",
            (await other.SendAsync($"/webhook {project} http://93.184.215.14/hook")).PlainText);
        Assert.Equal(
            "10.0.0.7 mengarah ke alamat jaringan privat, loopback atau link-local; peristiwa hanya dikirim ke alamat publik.",
            (await other.SendAsync($"/webhook {project} https://10.0.0.7/hook")).PlainText);
        Assert.StartsWith("localhost mengarah ke alamat jaringan privat", (await other.SendAsync($"/webhook {project} https://localhost:8443/hook")).PlainText);
        Assert.StartsWith("Itu bukan alamat", (await other.SendAsync($"/webhook {project} https://a b")).PlainText);
        Assert.StartsWith("<code>/webhook N https://…</code>", (await other.SendAsync("/webhook")).Text);
        Assert.Equal($"Proyek #{project} belum punya webhook. Pasang dengan /webhook {project} https://….", (await other.SendAsync($"/webhook {project}")).PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM webhooks"));
    }

    [Fact]
    public async Task The_secret_is_shown_once_and_the_webhook_is_replaced_shown_and_removed()
    {
        var project = await OwnedProjectAsync(requester);
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));

        var created = await http.PutAsync($"projects/{project}/webhook", Json(new { url = "https://93.184.215.14/hook?token=abc" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var first = await ApiClient.JsonAsync(created);
        var secret = first.GetProperty("secret").GetString()!;
        Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal(["batch.completed", "project.paused", "budget.low"], first.GetProperty("events").EnumerateArray().Select(e => e.GetString()));

        var shown = await http.GetAsync($"projects/{project}/webhook");
        var status = await ApiClient.JsonAsync(shown);
        Assert.Equal("https://93.184.215.14/hook?token=abc", status.GetProperty("url").GetString());
        Assert.Equal(0, status.GetProperty("pending").GetInt32());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("last_error").ValueKind);
        Assert.DoesNotContain(secret, await shown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var chat = (await requester.SendAsync($"/webhook {project}")).PlainText;
        Assert.Contains("Address: https://93.184.215.14/hook?token=abc", chat);
        Assert.Contains("Last delivered: never", chat);
        Assert.DoesNotContain(secret, chat);
        // The audit log names the host only: a path or query may hold the receiver's own token.
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'webhook.set' AND detail LIKE '%93.184.215.14'"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%abc%'"));

        var replaced = (await requester.SendAsync($"/webhook #{project} https://[2606:4700:4700::1111]/events")).PlainText;
        var second = WebhookSecret().Match(replaced).Value;
        Assert.NotEqual("", second);
        Assert.NotEqual(secret, second);
        Assert.Contains("The previous address and secret no longer work", replaced);
        Assert.Equal(second, await Bot.Get<WebhookStore>().FindAsync(project) is { } hook ? hook.Secret : null);
        Assert.Equal("https://[2606:4700:4700::1111]/events", (await ApiClient.JsonAsync(await http.GetAsync($"projects/{project}/webhook"))).GetProperty("url").GetString());

        Assert.StartsWith($"🔕 Project #{project} no longer posts events", (await requester.SendAsync($"/webhook {project} OFF")).PlainText);
        await ApiClient.ProblemAsync(await http.GetAsync($"projects/{project}/webhook"), 404);
        await ApiClient.ProblemAsync(await http.DeleteAsync($"projects/{project}/webhook"), 404);
        await http.PutAsync($"projects/{project}/webhook", Json(new { url = "https://93.184.215.14/hook" }));
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"projects/{project}/webhook")).StatusCode);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM webhooks"));
    }

    [Fact]
    public async Task Another_requesters_project_is_404_and_nothing_of_its_webhook_shows()
    {
        var theirs = await OwnedProjectAsync(other);
        await Bot.Get<WebhookStore>().SetAsync(theirs, "https://93.184.215.14/their-secret-path", "whsec_theirs");
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));

        foreach (var response in new[]
        {
            await http.GetAsync($"projects/{theirs}/webhook"),
            await http.PutAsync($"projects/{theirs}/webhook", Json(new { url = "https://93.184.215.14/mine" })),
            await http.DeleteAsync($"projects/{theirs}/webhook"),
            await http.GetAsync("projects/999999/webhook"),
        })
        {
            var problem = await ApiClient.ProblemAsync(response, 404);
            Assert.Equal("No such project", problem.GetProperty("title").GetString());
            Assert.DoesNotContain("their", problem.GetRawText(), StringComparison.Ordinal);
        }

        foreach (var command in new[] { $"/webhook {theirs}", $"/webhook {theirs} off", $"/webhook {theirs} https://93.184.215.14/mine" })
        {
            Assert.Equal($"You have no project #{theirs}.", (await requester.SendAsync(command)).PlainText);
        }

        Assert.Equal("https://93.184.215.14/their-secret-path", (await Bot.Get<WebhookStore>().FindAsync(theirs))!.Url);
    }

    [Fact]
    public async Task A_webhook_whose_host_now_leads_to_loopback_is_refused_at_delivery_and_nothing_is_posted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var project = await OwnedProjectAsync(requester);
        // As if the name had resolved to a public address when it was set, and to loopback now.
        await Bot.Get<WebhookStore>().SetAsync(project, $"http://localhost:{receiver.Url.Port}/hook", "whsec_x");
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));

        await http.PostAsync($"projects/{project}/pause", null);

        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await Bot.Get<WebhookStore>().FindAsync(project))!.LastError is null)
        {
            Assert.True(DateTime.UtcNow < until, "no attempt was made");
            await Task.Delay(20);
        }

        Assert.Equal("address", (await Bot.Get<WebhookStore>().FindAsync(project))!.LastError);
        Assert.Empty(receiver.Requests);
        Assert.Contains("the address now leads to a private or loopback network", (await requester.SendAsync($"/webhook {project}")).PlainText);
    }

    private async Task<long> OwnedProjectAsync(Player owner)
    {
        var ownerId = (await Bot.Get<WorkerStore>().FindAsync(owner.Id))!.Id;
        return await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Labels", "x", AnswerKind.YesNo, [], "{{text}}", 100, 1, TimeSpan.FromMinutes(5), ownerId),
            [new NewTask(new Dictionary<string, string> { ["text"] = "a" })],
            ProjectState.Active);
    }

    private static System.Text.RegularExpressions.Regex WebhookSecret() => new("whsec_[A-Za-z0-9_-]{43}");

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}

public sealed class EmbeddedWebhookRegistrationTests() : WebhookRegistrationTests("Embedded");

public sealed class PostgresWebhookRegistrationTests() : WebhookRegistrationTests("Postgres");
