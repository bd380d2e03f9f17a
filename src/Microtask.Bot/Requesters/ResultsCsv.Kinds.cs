using System.Globalization;
using System.Text;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>The /results columns of the kinds whose answer is more than one value: a set of options, a pair, a file.</summary>
internal static partial class ResultsCsv
{
    /// <summary>
    /// Multiple choice: per option a yes/no column and its confidence (Dawid–Skene per option where a task has enough
    /// answers), the options aggregated yes as the answer, and the raw sets.
    /// </summary>
    private static async Task<Written> WriteOptionsAsync(Project project, ResultSnapshot source, Func<long, string> key, Stream output, CancellationToken ct)
    {
        var aggregation = new OptionAggregation(project.Options);
        await foreach (var answer in source.AnswersAsync(ct))
        {
            aggregation.Observe(answer.TaskId, key(answer.WorkerId), answer.Value);
        }

        var fields = TaskTemplate.Fields(project.Template);
        var optionColumns = project.Options.SelectMany(o => new[] { $"option:{o}", $"option:{o}:confidence" });
        await using var csv = Writer(output);
        var row = new StringBuilder();
        await WriteRowAsync(csv, row, ["task_id", .. fields, "answer", .. optionColumns, "answers", "method", "raw_answers"], ct);
        int tasks = 0, answers = 0;
        await foreach (var task in source.TasksAsync(ct))
        {
            var records = task.Answers.Select(a => new AnswerRecord(task.Id, key(a.WorkerId), a.Value)).ToList();
            var perOption = aggregation.Aggregate(task.Id, records);
            var chosen = project.Options.Where((_, i) => perOption[i]?.Value == "yes").ToList();
            await WriteRowAsync(csv, row,
            [
                task.Id.ToString(CultureInfo.InvariantCulture),
                .. fields.Select(f => task.Fields.TryGetValue(f, out var v) ? v : ""),
                records.Count == 0 ? "" : string.Join(" | ", chosen),
                .. perOption.SelectMany(r => new[] { r?.Value ?? "", r is null ? "" : r.Confidence.ToString("0.###", CultureInfo.InvariantCulture) }),
                records.Count.ToString(CultureInfo.InvariantCulture),
                string.Join(" ", perOption.Select(r => r?.Method).OfType<string>().Distinct()),
                string.Join(" | ", records.Select(r => $"{r.WorkerKey}:{Raw(r.Value)}")),
            ], ct);
            tasks++;
            answers += records.Count;
        }

        return new Written(tasks, answers);
    }

    /// <summary>
    /// Pairwise: the winner of each pair as the choice kinds aggregate it (or as the requester settled it in /review),
    /// each item's Bradley–Terry score fitted over the crowd's choices on every pair of the project (so the first pass
    /// reads the tasks too: the items are their fields), and the raw choices.
    /// </summary>
    private static async Task<Written> WritePairsAsync(Project project, ResultSnapshot source, Func<long, string> key, Stream output, CancellationToken ct)
    {
        var aggregation = new StreamingAggregation(project.Kind, project.Choices);
        var comparisons = new List<Comparison>();
        await foreach (var task in source.TasksAsync(ct))
        {
            var items = Pairs.Items(project.Template, task.Fields);
            foreach (var answer in task.Answers)
            {
                aggregation.Observe(task.Id, key(answer.WorkerId), answer.Value);
                if (items is var (a, b))
                {
                    comparisons.Add(new Comparison(a, b, answer.Value));
                }
            }
        }

        var ranking = BradleyTerry.Fit(comparisons);
        var scores = ranking.ToDictionary(s => s.Item, s => s.Score.ToString("0.####", CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var fields = TaskTemplate.Fields(project.Template);
        await using var csv = Writer(output);
        var row = new StringBuilder();
        await WriteRowAsync(csv, row, ["task_id", .. fields, "answer", "confidence", "agreement", "answers", "method", "tie", "score_a", "score_b", "raw_answers"], ct);
        int tasks = 0, answers = 0;
        var agreement = AgreementTally.For(project.Kind);
        await foreach (var task in source.TasksAsync(ct))
        {
            var records = task.Answers.Select(a => new AnswerRecord(task.Id, key(a.WorkerId), a.Value)).ToList();
            var result = AggregatedAnswer.Settled(aggregation.Aggregate(task.Id, records), task.Id, task.Final);
            agreement?.Add(records, result);
            var items = Pairs.Items(project.Template, task.Fields);
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
                items is var (a, _) && scores.TryGetValue(a, out var sa) ? sa : "",
                items is var (_, b) && scores.TryGetValue(b, out var sb) ? sb : "",
                string.Join(" | ", records.Select(r => $"{r.WorkerKey}:{r.Value}")),
            ], ct);
            tasks++;
            answers += records.Count;
        }

        return new Written(tasks, answers, ranking, agreement);
    }

    /// <summary>The ranking document of a pairwise project: each item, its score, its wins and comparisons, strongest first.</summary>
    public static async Task WriteRankingAsync(IReadOnlyList<ItemScore> ranking, Stream output, CancellationToken ct)
    {
        await using var csv = Writer(output);
        var row = new StringBuilder();
        await WriteRowAsync(csv, row, ["rank", "item", "score", "wins", "comparisons"], ct);
        for (var i = 0; i < ranking.Count; i++)
        {
            var item = ranking[i];
            await WriteRowAsync(csv, row,
            [
                (i + 1).ToString(CultureInfo.InvariantCulture), item.Item, item.Score.ToString("0.####", CultureInfo.InvariantCulture),
                item.Wins.ToString("0.#", CultureInfo.InvariantCulture), item.Comparisons.ToString(CultureInfo.InvariantCulture),
            ], ct);
        }
    }

    /// <summary>Each worker's agreement with the results, under their pseudonym: answers on tasks others answered too, and how many matched.</summary>
    public static async Task WriteWorkersAsync(IReadOnlyList<WorkerAgreement> workers, Stream output, CancellationToken ct)
    {
        await using var csv = Writer(output);
        var row = new StringBuilder();
        await WriteRowAsync(csv, row, ["worker", "answers", "agreed_with_result", "agreement"], ct);
        foreach (var worker in workers)
        {
            await WriteRowAsync(csv, row,
            [
                worker.Worker, worker.Answers.ToString(CultureInfo.InvariantCulture), worker.Agreed.ToString(CultureInfo.InvariantCulture),
                worker.Share.ToString("0.###", CultureInfo.InvariantCulture),
            ], ct);
        }
    }

    /// <summary>
    /// Voice and photo: each answer's file by the name <c>/results N media</c> gives it (task and pseudonym, never the
    /// worker's id), its length for voice, where each photo was taken when the project asks, and the raw answers as
    /// pseudonym and file name.
    /// </summary>
    private static async Task<Written> WriteFilesAsync(Project project, ResultSnapshot source, Func<long, string> key, Stream output, CancellationToken ct)
    {
        var fields = TaskTemplate.Fields(project.Template);
        var places = project.Kind == AnswerKind.Photo && project.Settings.PhotoLocation != PhotoLocation.None;
        await using var csv = Writer(output);
        var row = new StringBuilder();
        string[] placeColumns = places ? ["latitude", "longitude"] : [];
        await WriteRowAsync(csv, row, ["task_id", .. fields, "answers", "files", project.Kind == AnswerKind.Voice ? "seconds" : "bytes", .. placeColumns, "raw_answers"], ct);
        int tasks = 0, answers = 0;
        await foreach (var task in source.TasksAsync(ct))
        {
            var files = task.Answers.Select(a => (Key: key(a.WorkerId), Media: MediaAnswer.Read(a.Value))).Where(f => f.Media is not null)
                .Select(f => (f.Key, Name: MediaAnswer.FileName(project.Kind, task.Id, f.Key), f.Media)).ToList();
            await WriteRowAsync(csv, row,
            [
                task.Id.ToString(CultureInfo.InvariantCulture),
                .. fields.Select(f => task.Fields.TryGetValue(f, out var v) ? v : ""),
                files.Count.ToString(CultureInfo.InvariantCulture),
                string.Join(" | ", files.Select(f => f.Name)),
                string.Join(" | ", files.Select(f => (project.Kind == AnswerKind.Voice ? f.Media!.Seconds : f.Media!.Bytes)?.ToString(CultureInfo.InvariantCulture) ?? "")),
                .. places ? new[] { Coordinates(files.Select(f => f.Media!.Latitude)), Coordinates(files.Select(f => f.Media!.Longitude)) } : [],
                string.Join(" | ", files.Select(f => $"{f.Key}:{f.Name}")),
            ], ct);
            tasks++;
            answers += task.Answers.Count;
        }

        return new Written(tasks, answers);
    }

    /// <summary>One coordinate per answer, in the order of the files ("" for an answer saved without its place).</summary>
    private static string Coordinates(IEnumerable<double?> values) =>
        string.Join(" | ", values.Select(v => v?.ToString("R", CultureInfo.InvariantCulture) ?? ""));

    /// <summary>A stored set as the requester reads it: its options separated by "; ", "none" for none of these.</summary>
    private static string Raw(string stored) => ChoiceSet.Read(stored) is { } set ? (set.Count == 0 ? "none" : string.Join("; ", set)) : stored;

    private static StreamWriter Writer(Stream output) => new(output, Utf8WithBom, bufferSize: 1 << 16, leaveOpen: true);
}
