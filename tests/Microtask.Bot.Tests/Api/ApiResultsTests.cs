using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microtask.Core;

namespace Microtask.Bot.Tests.Api;

/// <summary>Results through the API as CSV and JSON Lines, with a cursor that gives only what changed; and /results N jsonl in the chat.</summary>
public abstract class ApiResultsTests(string backend) : BotTest(backend, new Dictionary<string, string?>
{
    ["Microtask:Requesters:0"] = RequesterId.ToString(CultureInfo.InvariantCulture),
})
{
    private const long RequesterId = 100001;
    private Player requester = null!;

    protected override async Task StartedAsync() => requester = await Bot.WorkerAsync("Rini", "en");

    [Fact]
    public async Task The_cursor_gives_only_tasks_with_newer_answers_each_with_all_its_answers_under_pseudonyms()
    {
        var projectId = await ProjectAsync();
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));
        var first = await Bot.WorkerAsync("Wulan", "en");
        var second = await Bot.WorkerAsync("Sari", "en");
        await first.AnswerAsync(await first.SendAsync("/task"));

        var (all, cursor) = await JsonlAsync(http, $"projects/{projectId}/results?format=jsonl");
        Assert.Equal(2, all.Count);
        var answered = Assert.Single(all, l => l.GetProperty("answers").GetInt32() == 1);
        var pseudonym = answered.GetProperty("raw_answers")[0].GetProperty("worker").GetString()!;
        Assert.DoesNotContain(first.Id.ToString(CultureInfo.InvariantCulture), pseudonym, StringComparison.Ordinal);
        Assert.DoesNotContain("Wulan", string.Join("\n", all.Select(l => l.GetRawText())), StringComparison.Ordinal);

        var (nothing, same) = await JsonlAsync(http, $"projects/{projectId}/results?format=jsonl&since={cursor}");
        Assert.Empty(nothing);
        Assert.Equal(cursor, same);

        await second.AnswerAsync(await second.SendAsync("/task"));
        var (changed, next) = await JsonlAsync(http, $"projects/{projectId}/results?format=jsonl&since={cursor}");
        var line = Assert.Single(changed);
        Assert.Equal(answered.GetProperty("task_id").GetInt64(), line.GetProperty("task_id").GetInt64());
        Assert.Equal(2, line.GetProperty("raw_answers").GetArrayLength());
        Assert.Equal("cat", line.GetProperty("answer").GetString());
        Assert.True(long.Parse(next, CultureInfo.InvariantCulture) > long.Parse(cursor, CultureInfo.InvariantCulture));

        var csv = await http.GetAsync($"projects/{projectId}/results?since={cursor}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, rows.Length);
        Assert.StartsWith("task_id,text,answer", rows[0], StringComparison.Ordinal);
        Assert.Equal(3, (await (await http.GetAsync($"projects/{projectId}/results?format=csv")).Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        await ApiClient.ProblemAsync(await http.GetAsync($"projects/{projectId}/results?since=yesterday"), 422);
        await ApiClient.ProblemAsync(await http.GetAsync($"projects/{projectId}/results?format=xlsx"), 422);
    }

    [Fact]
    public async Task Results_jsonl_in_the_chat_is_the_apis_document()
    {
        var projectId = await ProjectAsync();
        var worker = await Bot.WorkerAsync("Wulan", "en");
        await worker.AnswerAsync(await worker.SendAsync("/task"));
        using var http = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "ci"));

        var sent = await requester.SendAsync($"/results {projectId} jsonl");

        Assert.Equal($"project-{projectId}-results.jsonl", sent.DocumentFileName);
        Assert.Equal($"Results of project #{projectId}: 2 tasks, 1 answers.", sent.Caption);
        var document = Encoding.UTF8.GetString(Bot.Emulator.DownloadDocument(requester.Id, sent.MessageId)!);
        Assert.Equal(await (await http.GetAsync($"projects/{projectId}/results?format=jsonl")).Content.ReadAsStringAsync(), document);
        Assert.Equal(2, document.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private async Task<long> ProjectAsync()
    {
        var id = await Bot.ProjectAsync(AnswerKind.SingleChoice, tasks: 2, overlap: 2);
        await Bot.ScalarAsync($"UPDATE projects SET requester_id = (SELECT id FROM workers WHERE telegram_id = {RequesterId}) WHERE id = {id}");
        return id;
    }

    private static async Task<(List<JsonElement> Lines, string Cursor)> JsonlAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jsonl", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        return (body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList(),
            response.Headers.GetValues("X-Results-Cursor").Single());
    }
}

public sealed class EmbeddedApiResultsTests() : ApiResultsTests("Embedded");

public sealed class PostgresApiResultsTests() : ApiResultsTests("Postgres");
