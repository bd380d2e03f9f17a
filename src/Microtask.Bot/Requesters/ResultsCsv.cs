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
/// <remarks>
/// Written as it is read, so memory stays flat however big the project: Dawid–Skene's first pass keeps a few
/// ints per answer (<see cref="StreamingAggregation"/>), the second holds one task at a time.
/// </remarks>
internal static partial class ResultsCsv
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>
    /// How many tasks (rows) and answers a written document holds; a pairwise project's items by Bradley–Terry score; how
    /// much its workers agree, for the kinds that say (<see cref="AgreementTally.For"/>).
    /// </summary>
    public readonly record struct Written(int Tasks, int Answers, IReadOnlyList<ItemScore>? Ranking = null, AgreementTally? Agreement = null);

    /// <summary>A temporary file for a document, gone when closed.</summary>
    public static FileStream TemporaryFile() => new(
        Path.Combine(Path.GetTempPath(), $"microtask-results-{Guid.NewGuid():N}.csv"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    public static Task<Written> WriteAsync(Project project, ResultSnapshot source, string salt, Stream output, CancellationToken ct) => project.Kind switch
    {
        AnswerKind.MultipleChoice => WriteOptionsAsync(project, source, Keys(project, salt), output, ct),
        AnswerKind.Pairwise => WritePairsAsync(project, source, Keys(project, salt), output, ct),
        AnswerKind.Voice or AnswerKind.Photo => WriteFilesAsync(project, source, Keys(project, salt), output, ct),
        _ => WriteChoicesAsync(project, source, Keys(project, salt), output, ct),
    };

    /// <summary>Each worker's pseudonym in the project, computed once per worker.</summary>
    private static Func<long, string> Keys(Project project, string salt)
    {
        var keys = new Dictionary<long, string>();
        return workerId => keys.TryGetValue(workerId, out var key) ? key : keys[workerId] = Pseudonym.Of(salt, project.Id, workerId);
    }

    private static async Task<Written> WriteChoicesAsync(Project project, ResultSnapshot source, Func<long, string> key, Stream output, CancellationToken ct)
    {
        var fields = TaskTemplate.Fields(project.Template);
        await using var csv = new StreamWriter(output, Utf8WithBom, bufferSize: 1 << 16, leaveOpen: true);
        var row = new StringBuilder();
        await WriteRowAsync(csv, row, ["task_id", .. fields, "answer", "confidence", "agreement", "answers", "method", "tie", "raw_answers"], ct);
        int tasks = 0, answers = 0;
        var agreement = AgreementTally.For(project.Kind);
        await foreach (var (task, records, result) in AggregatedTasks.ReadAsync(project, source, key, ct))
        {
            agreement?.Add(records, result);
            await WriteRowAsync(csv, row,
            [
                task.Id.ToString(CultureInfo.InvariantCulture),
                .. fields.Select(f => task.Fields.TryGetValue(f, out var v) ? v : ""),
                result?.Value ?? "",
                result is null ? "" : result.Confidence.ToString("0.###", CultureInfo.InvariantCulture),
                result is null ? "" : result.Agreement.ToString("0.###", CultureInfo.InvariantCulture),
                (result?.Answers ?? 0).ToString(CultureInfo.InvariantCulture),
                result?.Method ?? "",
                result?.Tie == true ? "yes" : "",
                string.Join(" | ", records.Select(r => $"{r.WorkerKey}:{r.Value}")),
            ], ct);
            tasks++;
            answers += records.Count;
        }

        return new Written(tasks, answers, Agreement: agreement);
    }

    private static async Task WriteRowAsync(StreamWriter csv, StringBuilder row, IEnumerable<string> cells, CancellationToken ct)
    {
        row.Clear().AppendJoin(',', cells.Select(Quote)).Append("\r\n");
        await csv.WriteAsync(row, ct);
    }

    /// <summary>RFC 4180 quoting on top of the formula escaping.</summary>
    private static string Quote(string cell)
    {
        var safe = CsvCells.Safe(cell);
        return safe.IndexOfAny([',', '"', '\n', '\r']) < 0 ? safe : "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
