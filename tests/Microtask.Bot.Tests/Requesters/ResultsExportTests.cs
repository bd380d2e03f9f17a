using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using Microtask.Bot.Requesters;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Storage;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>
/// /results streams the project (two passes over one snapshot, rows written to a file as they are read): what
/// comes out must still be exactly what aggregating all the answers at once gives.
/// </summary>
public abstract class ResultsExportTests(string backend) : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Requesters:0"] = RequesterId.ToString() })
{
    // The first user a fresh emulator makes.
    private const long RequesterId = 100001;
    private const int Tasks = 300;
    private static readonly string[] Ratings = ["1", "2", "3", "4", "5"];
    private Player requester = null!;

    protected override async Task StartedAsync() => requester = await Bot.WorkerAsync("Rini", "en");

    [Theory]
    [InlineData(AnswerKind.Rating)]
    [InlineData(AnswerKind.FreeText)]
    public async Task Hundreds_of_tasks_come_back_row_for_row_as_aggregating_all_answers_at_once_gives(AnswerKind kind)
    {
        var id = await ProjectAsync(kind);
        var random = new Random(42);
        var workers = await StoredAnswers.WorkersAsync(Bot, 30);
        var taskIds = await StoredAnswers.TaskIdsAsync(Bot, id);
        await StoredAnswers.AddAsync(Bot, id, taskIds.SelectMany(task => workers.OrderBy(_ => random.Next()).Take(random.Next(7)).Select(worker =>
            (task, worker, kind == AnswerKind.Rating
                ? (random.Next(15) == 0 ? "nonsense" : Ratings[worker % 3 == 0 ? random.Next(5) : (int)(task % 5)])
                : random.Next(3) switch { 0 => " Jakarta ", 1 => "jakarta", _ => "=cmd|' /C calc'!A0" }))).ToList());

        var sent = await requester.SendAsync($"/results {id}");

        var expected = await ExpectedRowsAsync(id, kind);
        Assert.StartsWith($"Results of project #{id}: {Tasks} tasks, {expected.Answers} answers.\nAgreement between workers (Krippendorff's α): ", sent.Caption);
        var bytes = Bot.Emulator.DownloadDocument(requester.Id, sent.MessageId)!;
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes.Take(3));
        var rows = CsvRows.Parse(Encoding.UTF8.GetString(bytes.AsSpan(3)));
        Assert.Equal(Tasks + 1, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected.Rows[i], rows[i]);
        }

        Assert.Contains(rows, r => r[^3] == (kind == AnswerKind.Rating ? AggregationMethod.DawidSkene : AggregationMethod.FreeTextMajority));
        Assert.Contains(rows, r => r[^3] == "" && r[^4] == "0");
    }

    [Fact]
    public async Task A_document_whose_upload_fails_is_sent_whole_on_the_retry()
    {
        var id = await ProjectAsync(AnswerKind.Rating);
        Bot.Emulator.Faults.ServerError(502, count: 2, chatId: requester.Id, method: "sendDocument");

        var sent = await requester.SendAsync($"/results {id}");

        var bytes = Bot.Emulator.DownloadDocument(requester.Id, sent.MessageId)!;
        Assert.Equal(Tasks + 1, CsvRows.Parse(Encoding.UTF8.GetString(bytes.AsSpan(3))).Count);
        Assert.Equal(0, Bot.Emulator.Faults.PendingFaults);
    }

    [Fact]
    public async Task An_export_reads_one_snapshot_while_answers_keep_coming()
    {
        var id = await ProjectAsync(AnswerKind.Rating);
        var workers = await StoredAnswers.WorkersAsync(Bot, 4);
        var taskIds = await StoredAnswers.TaskIdsAsync(Bot, id);
        await StoredAnswers.AddAsync(Bot, id, [.. workers[..3].Select(w => (taskIds[0], w, "2"))]);

        await using (var snapshot = await Bot.Get<ResultStore>().SnapshotAsync(id))
        {
            var firstPass = await snapshot.AnswersAsync().CountAsync();
            await StoredAnswers.AddAsync(Bot, id, [(taskIds[0], workers[3], "4"), (taskIds[1], workers[3], "4")]);
            var secondPass = await snapshot.TasksAsync().ToListAsync();

            Assert.Equal(3, firstPass);
            Assert.Equal(3, secondPass.Sum(t => t.Answers.Count));
            Assert.Equal(Tasks, secondPass.Count);
        }

        await using var later = await Bot.Get<ResultStore>().SnapshotAsync(id);
        Assert.Equal(5, await later.AnswersAsync().CountAsync());
    }

    private async Task<long> ProjectAsync(AnswerKind kind)
    {
        var owner = (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
        string[] texts = ["plain", "a, \"quoted\"\r\nsecond line", "=SUM(A1:A9)", "-12.5", "@here"];
        return await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Export", "Rate it", kind, kind == AnswerKind.Rating ? Ratings : [], "{{text}} {{note}}", 10, 7, TimeSpan.FromMinutes(5), owner),
            [.. Enumerable.Range(0, Tasks).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = texts[i % texts.Length], ["note"] = $"n{i}" }))],
            ProjectState.Active);
    }

    /// <summary>The document as it was built before it streamed: every answer in one list, aggregated at once.</summary>
    private async Task<(List<string[]> Rows, int Answers)> ExpectedRowsAsync(long projectId, AnswerKind kind)
    {
        var salt = Bot.Get<PseudonymSalt>().Value;
        await using var c = await Bot.Get<IDatabase>().OpenAsync(CancellationToken.None);
        var tasks = (await c.QueryAsync<(long Id, string Fields)>("SELECT id, fields FROM tasks WHERE project_id = @projectId ORDER BY id", new { projectId })).ToList();
        var answers = (await c.QueryAsync<(long TaskId, long WorkerId, string Value)>(
                "SELECT task_id, worker_id, value FROM answers WHERE project_id = @projectId ORDER BY task_id, id", new { projectId }))
            .Select(a => new AnswerRecord(a.TaskId, Pseudonym.Of(salt, projectId, a.WorkerId), a.Value)).ToList();
        var aggregated = Aggregation.Choose(kind, kind == AnswerKind.Rating ? Ratings : [], answers).ToDictionary(a => a.TaskId);
        var raw = answers.ToLookup(a => a.TaskId);

        List<string[]> rows = [["task_id", "text", "note", "answer", "confidence", "agreement", "answers", "method", "tie", "raw_answers"]];
        foreach (var (id, json) in tasks)
        {
            var fields = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;
            var r = aggregated.GetValueOrDefault(id);
            rows.Add([.. new[]
            {
                id.ToString(CultureInfo.InvariantCulture), fields["text"], fields["note"], r?.Value ?? "",
                r is null ? "" : r.Confidence.ToString("0.###", CultureInfo.InvariantCulture),
                r is null ? "" : r.Agreement.ToString("0.###", CultureInfo.InvariantCulture),
                (r?.Answers ?? 0).ToString(CultureInfo.InvariantCulture), r?.Method ?? "", r?.Tie == true ? "yes" : "",
                string.Join(" | ", raw[id].Select(a => $"{a.WorkerKey}:{a.Value}")),
            }.Select(CsvCells.Safe)]);
        }

        return (rows, answers.Count);
    }
}

/// <summary>An RFC 4180 reader for the test's own check: quoted cells, doubled quotes, CRLF inside quotes.</summary>
internal static class CsvRows
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch != '"')
                {
                    cell.Append(ch);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                cell.Append(ch);
            }
        }

        Assert.False(quoted, "a quote was never closed");
        Assert.True(row.Count == 0 && cell.Length == 0, "the last row does not end with CRLF");
        return rows;
    }
}

public sealed class EmbeddedResultsExportTests() : ResultsExportTests("Embedded");

public sealed class PostgresResultsExportTests() : ResultsExportTests("Postgres");
