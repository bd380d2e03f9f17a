using System.Globalization;
using System.Text;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// The /results document: one row per task with its input fields, the aggregated answer, confidence,
/// agreement, method, number of answers and the raw answers under pseudonyms. Every cell is quoted where
/// needed and escaped against spreadsheet formulas.
/// </summary>
internal static class ResultsCsv
{
    public static byte[] Build(Project project, IReadOnlyList<TaskFields> tasks, IReadOnlyList<RawAnswer> answers, string salt)
    {
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

        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
    }

    private static void Row(StringBuilder csv, IEnumerable<string> cells)
    {
        csv.AppendJoin(',', cells.Select(Quote)).Append("\r\n");
    }

    /// <summary>RFC 4180 quoting on top of the formula escaping.</summary>
    private static string Quote(string cell)
    {
        var safe = CsvCells.Safe(cell);
        return safe.IndexOfAny([',', '"', '\n', '\r']) < 0 ? safe : "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
