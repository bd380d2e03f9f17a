using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using Microtask.Bot.Requesters;
using Microtask.Core;
using Microtask.Storage;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Benchmarks;

/// <summary>What one export did and what it cost this process.</summary>
internal sealed record ExportResult(
    string Name, int Tasks, int Answers, double Seconds, long Bytes, long BaselineWorkingSet, long PeakWorkingSetOverBaseline,
    long PeakHeapOverBaseline, long Allocated, int Gen2Collections)
{
    public double RowsPerSecond => Tasks / Seconds;

    public double AnswersPerSecond => Answers / Seconds;
}

/// <summary>
/// /results of a big single-choice project (Dawid–Skene, the costly kind) on PostgreSQL: a project of A/10 answers
/// and one of A answers are generated with INSERT … SELECT generate_series (workers, tasks, assignments,
/// answers, as the submit path leaves them), then exported with the bot's streaming code into a file. Memory is
/// measured against a baseline taken just before each export, after a full GC: if the export streams, the peak
/// hardly grows with the project. The same big project then comes through the HTTP API (GET …/results?format=csv,
/// streamed to a file as a client reads it), and the export as it was before it streamed (<see cref="BufferedExport"/>)
/// runs last, on the big project, for comparison.
/// </summary>
internal static class ExportBench
{
    private const int Workers = 2_000;
    private static readonly string[] Choices = ["cat", "dog", "bird"];

    public static async Task<int> RunAsync(int answers, BenchOptions options)
    {
        Console.WriteLine($"export: projects of {answers / 10:N0} and {answers:N0} answers; {Machine.Describe()}");
        await using var bot = await BotUnderLoad.StartAsync("postgres", options, BenchApi.Settings);
        var clock = Stopwatch.StartNew();
        await ExportData.WorkersAsync(bot.Database, Workers);
        var small = await ExportData.ProjectAsync(bot, Choices, answers / 10, Workers);
        var large = await ExportData.ProjectAsync(bot, Choices, answers, Workers);
        Console.WriteLine($"generated {Workers:N0} workers and {answers / 10 + answers:N0} answers in {clock.Elapsed.TotalSeconds:F0} s; load average {Machine.LoadAverage}");

        var salt = bot.App.Services.GetRequiredService<PseudonymSalt>().Value;
        var results = bot.App.Services.GetRequiredService<ResultStore>();
        var projects = bot.App.Services.GetRequiredService<ProjectStore>();
        var runs = new List<ExportResult>();
        foreach (var (name, id) in new[] { ("streaming", small), ("streaming", large) })
        {
            var project = (await projects.FindAsync(id))!;
            runs.Add(await MeasureAsync(name, async file =>
            {
                await using var snapshot = await results.SnapshotAsync(id);
                var written = await ResultsCsv.WriteAsync(project, snapshot, salt, file, CancellationToken.None);
                return (written.Tasks, written.Answers);
            }));
            Console.WriteLine(Line(runs[^1]));
        }

        var (reading, read) = await ReadingAloneAsync(results, large);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reading alone, both passes of the big project: {reading:F1} s ({read:N0} rows)"));

        var (requester, api) = await BenchApi.ClientAsync(bot);
        using (api)
        {
            await bot.Database.ExecuteAsync("UPDATE projects SET requester_id = @requester WHERE id = @large", new { requester, large });
            var counted = (Tasks: (int)await bot.Database.ScalarAsync<long>("SELECT COUNT(*) FROM tasks WHERE project_id = @large", new { large }), Answers: answers);
            runs.Add(await MeasureAsync("API (GET results, streamed)", async file =>
            {
                using var response = await api.GetAsync($"projects/{large}/results?format=csv", HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync();
                await body.CopyToAsync(file);
                return counted;
            }));
            Console.WriteLine(Line(runs[^1]));
        }

        var big = (await projects.FindAsync(large))!;
        runs.Add(await MeasureAsync("buffered (before)", file => BufferedExport.WriteAsync(bot.Database, big, salt, file)));
        Console.WriteLine(Line(runs[^1]));

        using (var self = Process.GetCurrentProcess())
        {
            Console.WriteLine($"process peak working set (whole run): {self.PeakWorkingSet64 / 1048576.0:0} MiB; load average after {Machine.LoadAverage}");
        }

        Console.WriteLine();
        Console.WriteLine(Markdown(runs));
        return 0;
    }

    private static async Task<ExportResult> MeasureAsync(string name, Func<FileStream, Task<(int Tasks, int Answers)>> export)
    {
        var path = Path.Combine(Path.GetTempPath(), $"microtask-export-{Guid.NewGuid():N}.csv");
        try
        {
            Machine.SettleHeap();
            var workingSet = Machine.WorkingSet();
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var gen2 = GC.CollectionCount(2);
            var sampler = new UsageSampler();
            var clock = Stopwatch.StartNew();
            (int Tasks, int Answers) written;
            using (sampler)
            {
                await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous);
                written = await export(file);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var allocatedDuring = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var gen2During = GC.CollectionCount(2) - gen2;
            var peak = sampler.Result;
            return new ExportResult(name, written.Tasks, written.Answers, seconds, new FileInfo(path).Length, workingSet,
                Math.Max(peak.PeakWorkingSet, Machine.WorkingSet()) - workingSet, peak.PeakManagedHeap - heap, allocatedDuring, gen2During);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<(double Seconds, long Rows)> ReadingAloneAsync(ResultStore results, long projectId)
    {
        var clock = Stopwatch.StartNew();
        await using var snapshot = await results.SnapshotAsync(projectId);
        long rows = 0;
        await foreach (var _ in snapshot.AnswersAsync())
        {
            rows++;
        }

        await foreach (var task in snapshot.TasksAsync())
        {
            rows += 1 + task.Answers.Count;
        }

        return (clock.Elapsed.TotalSeconds, rows);
    }

    private static string Line(ExportResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Name}: {r.Tasks:N0} rows, {r.Answers:N0} answers in {r.Seconds:F1} s, {r.Bytes / 1048576.0:F0} MiB file; working set {Mib(r.BaselineWorkingSet)} before, peak +{Mib(r.PeakWorkingSetOverBaseline)}, peak heap +{Mib(r.PeakHeapOverBaseline)}, {Mib(r.Allocated)} allocated, {r.Gen2Collections} gen-2 GCs");

    private static string Markdown(IEnumerable<ExportResult> runs)
    {
        var md = new StringBuilder();
        md.AppendLine("| export | answers | rows (tasks) | time | rows/s | answers/s | file | working set before | peak working set over it | peak managed heap over baseline | allocated | gen-2 GCs |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in runs)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Answers:N0} | {r.Tasks:N0} | {r.Seconds:F1} s | {r.RowsPerSecond:N0} | {r.AnswersPerSecond:N0} | {Mib(r.Bytes)} | {Mib(r.BaselineWorkingSet)} | +{Mib(r.PeakWorkingSetOverBaseline)} | +{Mib(r.PeakHeapOverBaseline)} | {Mib(r.Allocated)} | {r.Gen2Collections} |"));
        }

        return md.ToString();
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture) + " MiB";
}
