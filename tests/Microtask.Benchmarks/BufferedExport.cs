using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Storage;

namespace Microtask.Benchmarks;

/// <summary>
/// The /results export as it was before it streamed, kept only to be measured against: every task and answer
/// read into lists, aggregated at once (<see cref="Aggregation.Choose"/>), the whole CSV built in memory.
/// </summary>
internal static class BufferedExport
{
    public static async Task<(int Tasks, int Answers)> WriteAsync(IDatabase db, Project project, string salt, Stream output)
    {
        List<(long Id, IReadOnlyDictionary<string, string> Fields)> tasks;
        List<(long TaskId, long WorkerId, string Value)> answers;
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            tasks = (await c.QueryAsync<(long Id, string Fields)>(
                    "SELECT id, fields FROM tasks WHERE project_id = @Id ORDER BY id", new { project.Id }, commandTimeout: 0))
                .Select(t => (t.Id, (IReadOnlyDictionary<string, string>)JsonSerializer.Deserialize<Dictionary<string, string>>(t.Fields)!)).ToList();
            answers = (await c.QueryAsync<(long TaskId, long WorkerId, string Value)>(
                "SELECT task_id, worker_id, value FROM answers WHERE project_id = @Id ORDER BY task_id, id", new { project.Id }, commandTimeout: 0)).ToList();
        }

        var records = answers.Select(a => new AnswerRecord(a.TaskId, Pseudonym.Of(salt, project.Id, a.WorkerId), a.Value)).ToList();
        var aggregated = Aggregation.Choose(project.Kind, project.Choices, records).ToDictionary(a => a.TaskId);
        var raw = records.ToLookup(r => r.TaskId);
        var fields = TaskTemplate.Fields(project.Template);

        var csv = new StringBuilder();
        Row(csv, ["task_id", .. fields, "answer", "confidence", "agreement", "answers", "method", "tie", "raw_answers"]);
        foreach (var task in tasks)
        {
            aggregated.TryGetValue(task.Id, out var result);
            Row(csv,
            [
                task.Id.ToString(CultureInfo.InvariantCulture),
                .. fields.Select(f => task.Fields.TryGetValue(f, out var v) ? v : ""),
                result?.Value ?? "",
                result is null ? "" : result.Confidence.ToString("0.###", CultureInfo.InvariantCulture),
                result is null ? "" : result.Agreement.ToString("0.###", CultureInfo.InvariantCulture),
                (result?.Answers ?? 0).ToString(CultureInfo.InvariantCulture),
                result?.Method ?? "",
                result?.Tie == true ? "yes" : "",
                string.Join(" | ", raw[task.Id].Select(r => $"{r.WorkerKey}:{r.Value}")),
            ]);
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        await output.WriteAsync(bytes);
        return (tasks.Count, answers.Count);
    }

    private static void Row(StringBuilder csv, IEnumerable<string> cells) =>
        csv.AppendJoin(',', cells.Select(Quote)).Append("\r\n");

    private static string Quote(string cell)
    {
        var safe = CsvCells.Safe(cell);
        return safe.IndexOfAny([',', '"', '\n', '\r']) < 0 ? safe : "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
