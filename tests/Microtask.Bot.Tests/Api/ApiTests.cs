using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microtask.Core;

namespace Microtask.Bot.Tests.Api;

/// <summary>The /api/v1 surface through the bot's own Kestrel and a real HttpClient: who may call, and what a batch goes through.</summary>
public abstract class ApiTests(string backend) : BotTest(backend, new Dictionary<string, string?>
{
    ["Microtask:Requesters:0"] = RequesterId.ToString(CultureInfo.InvariantCulture),
    ["Microtask:Requesters:1"] = OtherId.ToString(CultureInfo.InvariantCulture),
    ["Microtask:Api:MaxBodyBytes"] = "4096",
})
{
    private const long RequesterId = 100001;
    private const long OtherId = 100002;
    private Player requester = null!;
    private Player other = null!;

    protected override async Task StartedAsync()
    {
        requester = await Bot.WorkerAsync("Rini", "en");
        other = await Bot.WorkerAsync("Odi", "en");
        Assert.Equal(OtherId, other.Id);
    }

    [Fact]
    public async Task Without_a_live_token_nothing_is_answered_but_401()
    {
        var projectId = await OwnedProjectAsync(requester, "Secret title");
        using var none = ApiClient.For(Bot, null);
        using var forged = ApiClient.For(Bot, "mt_" + new string('A', 43));

        foreach (var http in new[] { none, forged })
        {
            var problem = await ApiClient.ProblemAsync(await http.GetAsync($"projects/{projectId}"), 401);
            Assert.DoesNotContain("Secret", problem.GetRawText(), StringComparison.Ordinal);
        }

        Assert.Equal("Bearer", (await none.GetAsync("projects")).Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Another_requesters_project_is_as_absent_as_one_that_does_not_exist()
    {
        var mine = await OwnedProjectAsync(requester, "Mine");
        var theirs = await OwnedProjectAsync(other, "Their secret title");
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));

        var list = await ApiClient.JsonAsync(await http.GetAsync("projects"));
        Assert.Equal([mine], list.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()));

        foreach (var path in new[] { $"projects/{theirs}", $"projects/{theirs}/results", "projects/999999" })
        {
            var problem = await ApiClient.ProblemAsync(await http.GetAsync(path), 404);
            Assert.DoesNotContain("secret", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal("No such project", problem.GetProperty("title").GetString());
        }

        await ApiClient.ProblemAsync(await http.PostAsync($"projects/{theirs}/pause", null), 404);
        await ApiClient.ProblemAsync(await http.PostAsync($"projects/{theirs}/batches", Csv("text\nx\n")), 404);
        Assert.Equal("active", await StateAsync(theirs));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM batches"));
    }

    [Fact]
    public async Task A_requester_who_lost_the_role_gets_403()
    {
        var worker = await Bot.WorkerAsync("Gita", "en");
        await Bot.ScalarAsync($"UPDATE workers SET roles = 'requester' WHERE telegram_id = {worker.Id}");
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(worker, "ci"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("projects")).StatusCode);

        await Bot.ScalarAsync($"UPDATE workers SET roles = '' WHERE telegram_id = {worker.Id}");

        await ApiClient.ProblemAsync(await http.GetAsync("projects"), 403);
    }

    [Fact]
    public async Task A_batch_is_reported_as_the_chat_would_then_imported_all_at_once()
    {
        var projectId = await OwnedProjectAsync(requester, "Labels");
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));

        var upload = await http.PostAsync($"projects/{projectId}/batches", Csv("text\nfirst\nsecond\n\nfirst\nthird\n"));

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var report = await ApiClient.JsonAsync(upload);
        Assert.Equal(3, report.GetProperty("accepted").GetInt32());
        Assert.Equal(1, report.GetProperty("duplicates").GetInt32());
        Assert.Equal("Csv", report.GetProperty("format").GetString());
        Assert.Equal(1, await TasksAsync(projectId));

        var import = await http.PostAsync(report.GetProperty("import").GetString()!.TrimStart('/')["api/v1/".Length..], null);

        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal(3, (await ApiClient.JsonAsync(import)).GetProperty("imported").GetInt32());
        Assert.Equal(4, await TasksAsync(projectId));
        Assert.Equal([2, 3, 6], await SourceLinesAsync(projectId)); // the duplicate on line 5 is skipped
        var again = await ApiClient.ProblemAsync(await http.PostAsync($"batches/{report.GetProperty("id").GetInt64()}/import", null), 409);
        Assert.Equal(4, await TasksAsync(projectId));
        var sameBytes = await ApiClient.ProblemAsync(await http.PostAsync($"projects/{projectId}/batches", Csv("text\nfirst\nsecond\n\nfirst\nthird\n")), 409);
        Assert.Contains("already imported", sameBytes.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.NotNull(again.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_malformed_file_and_a_body_over_the_limit_are_problems_and_nothing_is_kept()
    {
        var projectId = await OwnedProjectAsync(requester, "Labels");
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));

        var unknownColumn = await ApiClient.ProblemAsync(await http.PostAsync($"projects/{projectId}/batches", Csv("txt,colour\na,b\n")), 422);
        Assert.Equal("UnknownColumns", unknownColumn.GetProperty("code").GetString());
        var binary = await ApiClient.ProblemAsync(
            await http.PostAsync($"projects/{projectId}/batches?name=b.csv", new ByteArrayContent([0, 1, 2, 0, 0, 255, 254, 0])), 422);
        Assert.Equal("https://microtask.bot/problems/batch-refused", binary.GetProperty("type").GetString());
        var allRejected = await ApiClient.ProblemAsync(await http.PostAsync($"projects/{projectId}/batches", Csv("text\n\"a\"b\n")), 422);
        Assert.Equal("BadQuotes", allRejected.GetProperty("rejected")[0].GetProperty("code").GetString());

        var big = "text\n" + string.Concat(Enumerable.Range(0, 1000).Select(i => $"row {i}\n"));
        await ApiClient.ProblemAsync(await http.PostAsync($"projects/{projectId}/batches", Csv(big)), 413);
        // A body that does not state its length is cut as it is read.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"projects/{projectId}/batches") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await ApiClient.ProblemAsync(await http.SendAsync(request), 413);

        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM batches"));
        Assert.Equal(1, await TasksAsync(projectId));
    }

    [Fact]
    public async Task Concurrent_imports_with_one_idempotency_key_import_once_and_all_succeed()
    {
        var projectId = await OwnedProjectAsync(requester, "Labels");
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));
        var report = await ApiClient.JsonAsync(await http.PostAsync($"projects/{projectId}/batches?name=rows.jsonl", Csv("{\"text\":\"a\"}\n{\"text\":\"b\"}\n")));
        var batchId = report.GetProperty("id").GetInt64();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"batches/{batchId}/import");
            request.Headers.Add("Idempotency-Key", "import-once-1");
            var response = await http.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Equal(3, await TasksAsync(projectId));
        var second = await ApiClient.JsonAsync(await http.PostAsync($"projects/{projectId}/batches", Csv("text\nc\n")));
        using var reused = new HttpRequestMessage(HttpMethod.Post, $"batches/{second.GetProperty("id").GetInt64()}/import");
        reused.Headers.Add("Idempotency-Key", "import-once-1");
        await ApiClient.ProblemAsync(await http.SendAsync(reused), 422);
        Assert.Equal(3, await TasksAsync(projectId));
    }

    [Fact]
    public async Task Pause_resume_and_close_move_only_the_callers_project()
    {
        var projectId = await OwnedProjectAsync(requester, "Labels");
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));

        Assert.Equal("paused", (await ApiClient.JsonAsync(await http.PostAsync($"projects/{projectId}/pause", null))).GetProperty("state").GetString());
        await ApiClient.ProblemAsync(await http.PostAsync($"projects/{projectId}/pause", null), 409);
        Assert.Equal("active", (await ApiClient.JsonAsync(await http.PostAsync($"projects/{projectId}/resume", null))).GetProperty("state").GetString());
        var closed = await ApiClient.JsonAsync(await http.PostAsync($"projects/{projectId}/close", null));
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        Assert.Equal(1, closed.GetProperty("progress").GetProperty("tasks").GetInt32());
        Assert.Equal("closed", await StateAsync(projectId));
    }

    [Fact]
    public async Task A_project_is_made_with_the_wizards_checks_as_a_draft_then_activated()
    {
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));
        const string Valid = """
            {"title": "Sentiment", "instructions": "Pick the mood", "kind": "single_choice", "options": ["happy", "sad"],
             "template": "<b>Text:</b> {{text}}", "reward": 0, "overlap": 3, "time_limit_seconds": 120, "budget": 0}
            """;

        var unknown = await ApiClient.ProblemAsync(await http.PostAsync("projects", Json(Valid.Replace("\"budget\"", "\"colour\": 1, \"budget\"", StringComparison.Ordinal))), 422);
        Assert.Contains("colour", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var overlap = await ApiClient.ProblemAsync(await http.PostAsync("projects", Json(Valid.Replace("\"overlap\": 3", "\"overlap\": 99", StringComparison.Ordinal))), 422);
        Assert.Equal("overlap", overlap.GetProperty("field").GetString());
        var template = await ApiClient.ProblemAsync(await http.PostAsync("projects", Json(Valid.Replace("<b>Text:</b>", "<b>Text:", StringComparison.Ordinal))), 422);
        Assert.Equal("template", template.GetProperty("field").GetString());
        var unpaid = await ApiClient.ProblemAsync(await http.PostAsync("projects", Json(Valid.Replace("\"budget\": 0", "\"budget\": 5000", StringComparison.Ordinal))), 422);
        Assert.Equal("budget", unpaid.GetProperty("field").GetString());
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM projects"));

        var created = await http.PostAsync("projects", Json(Valid));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await ApiClient.JsonAsync(created)).GetProperty("id").GetInt64();
        var draft = await ApiClient.JsonAsync(await http.GetAsync($"projects/{id}"));
        Assert.Equal("draft", draft.GetProperty("state").GetString());
        Assert.Equal(["happy", "sad"], draft.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(120, draft.GetProperty("time_limit_seconds").GetInt32());
        Assert.Equal("active", (await ApiClient.JsonAsync(await http.PostAsync($"projects/{id}/activate", null))).GetProperty("state").GetString());
        Assert.Equal("active", await StateAsync(id));
        await ApiClient.ProblemAsync(await http.PostAsync($"projects/{id}/activate", null), 409);
    }

    [Fact]
    public async Task The_new_kinds_are_made_with_their_own_questions_answered_and_checked()
    {
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "kinds"));
        static string Body(string kind, string extra, string template = "{{text}}") =>
            $$"""{"title": "K", "instructions": "Do it", "kind": "{{kind}}", {{extra}} "template": "{{template}}", "reward": 0, "overlap": 1, "time_limit_seconds": 120, "budget": 0}""";

        async Task<Microtask.Core.AnswerSettings> CreateAsync(string body, string kind)
        {
            var created = await http.PostAsync("projects", Json(body));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await ApiClient.JsonAsync(created)).GetProperty("id").GetInt64();
            Assert.Equal(kind, (await ApiClient.JsonAsync(await http.GetAsync($"projects/{id}"))).GetProperty("kind").GetString());
            return (await Bot.Get<Microtask.Storage.ProjectStore>().FindAsync(id))!.Settings;
        }

        var none = Microtask.Core.AnswerSettings.Default;
        Assert.Equal(none with { NoneOption = true }, await CreateAsync(Body("multiple_choice", "\"options\": [\"red\", \"blue\"], \"none_option\": true,"), "multiple_choice"));
        Assert.Equal(none with { AllowSame = true }, await CreateAsync(Body("pairwise", "\"allow_same\": true,", "{{a}} or {{b}}"), "pairwise"));
        Assert.Equal(none with { MinVoiceSeconds = 3, MaxVoiceSeconds = 20 }, await CreateAsync(Body("voice", "\"min_voice_seconds\": 3, \"max_voice_seconds\": 20,"), "voice"));
        Assert.Equal(none with { PhotoLocation = Microtask.Core.PhotoLocation.Required }, await CreateAsync(Body("photo", "\"photo_location\": \"required\","), "photo"));

        // A dynamic overlap, as the wizard's "2-5 until 90%"; a minimum above the maximum is refused.
        var dynamic = await http.PostAsync("projects", Json(Body("yes_no", "").Replace("\"overlap\": 1", "\"overlap\": 2, \"overlap_max\": 5, \"overlap_target\": 90", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Created, dynamic.StatusCode);
        var read = await ApiClient.JsonAsync(await http.GetAsync($"projects/{(await ApiClient.JsonAsync(dynamic)).GetProperty("id").GetInt64()}"));
        Assert.Equal([2, 5, 90], new[] { read.GetProperty("overlap").GetInt32(), read.GetProperty("overlap_max").GetInt32(), read.GetProperty("overlap_target").GetInt32() });
        var range = await ApiClient.ProblemAsync(await http.PostAsync("projects", Json(Body("yes_no", "").Replace("\"overlap\": 1", "\"overlap\": 6, \"overlap_max\": 5, \"overlap_target\": 90", StringComparison.Ordinal))), 422);
        Assert.Equal("overlap", range.GetProperty("field").GetString());

        // Each kind's own question, answered wrong: a problem naming the field, and no project.
        var voice = await ApiClient.ProblemAsync(await http.PostAsync("projects", Json(Body("voice", "\"min_voice_seconds\": 30, \"max_voice_seconds\": 5,"))), 422);
        Assert.Equal("max_voice_seconds", voice.GetProperty("field").GetString());
        var photo = await ApiClient.ProblemAsync(await http.PostAsync("projects", Json(Body("photo", "\"photo_location\": \"sometimes\","))), 422);
        Assert.Equal("photo_location", photo.GetProperty("field").GetString());
        var pair = await ApiClient.ProblemAsync(await http.PostAsync("projects", Json(Body("pairwise", ""))), 422);
        Assert.Equal("template", pair.GetProperty("field").GetString());
        Assert.Equal(5, await Bot.ScalarAsync("SELECT COUNT(*) FROM projects"));
    }

    [Fact]
    public async Task A_project_with_its_time_per_task_is_told_when_it_pays_below_the_floor()
    {
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));
        const string Body = """
            {"title": "Moods", "instructions": "Pick the mood", "kind": "yes_no", "template": "{{text}}", "reward": 50,
             "estimated_seconds": 20, "overlap": 3, "time_limit_seconds": 120, "budget": 50}
            """;
        await Bot.Get<Microtask.Storage.LedgerStore>().TopupAsync(await Bot.ScalarAsync($"SELECT id FROM workers WHERE telegram_id = {requester.Id}"), 50);

        var bad = await ApiClient.ProblemAsync(await http.PostAsync("projects", Json(Body.Replace("\"estimated_seconds\": 20", "\"estimated_seconds\": 0", StringComparison.Ordinal))), 422);
        Assert.Equal("estimated_seconds", bad.GetProperty("field").GetString());
        var created = await http.PostAsync("projects", Json(Body));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await ApiClient.JsonAsync(created);
        Assert.Equal("An hour of these tasks pays 9000, below the pay floor of 17217; a reward of 96 would meet it.", body.GetProperty("warning").GetString());
        Assert.Equal(20, await Bot.ScalarAsync($"SELECT estimated_seconds FROM projects WHERE id = {body.GetProperty("id").GetInt64()}"));
    }

    private async Task<long> OwnedProjectAsync(Player owner, string title)
    {
        var id = await Bot.ProjectAsync(AnswerKind.SingleChoice, tasks: 1, overlap: 2);
        var ownerId = await Bot.ScalarAsync($"SELECT id FROM workers WHERE telegram_id = {owner.Id}");
        await Bot.ScalarAsync($"UPDATE projects SET requester_id = {ownerId}, title = '{title}' WHERE id = {id}");
        return id;
    }

    private async Task<List<int>> SourceLinesAsync(long projectId)
    {
        await using var c = await Bot.Get<Microtask.Storage.IDatabase>().OpenAsync(CancellationToken.None);
        return (await Dapper.SqlMapper.QueryAsync<int>(c, $"SELECT source_line FROM tasks WHERE project_id = {projectId} AND source_line IS NOT NULL ORDER BY source_line")).ToList();
    }

    private Task<long> TasksAsync(long projectId) => Bot.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE project_id = {projectId}");

    private async Task<string> StateAsync(long projectId)
    {
        await using var c = await Bot.Get<Microtask.Storage.IDatabase>().OpenAsync(CancellationToken.None);
        var state = await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, $"SELECT state FROM projects WHERE id = {projectId}");
        return state?.ToLowerInvariant() ?? "";
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");
}

public sealed class EmbeddedApiTests() : ApiTests("Embedded");

public sealed class PostgresApiTests() : ApiTests("Postgres");
