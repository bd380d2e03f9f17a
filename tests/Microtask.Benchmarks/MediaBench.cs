using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;

namespace Microtask.Benchmarks;

/// <summary>
/// --media: the load run on a text single-choice project and then, in the same run and on the same backend, on an
/// image single-choice project whose every task has a picture of its own (a ZIP batch's file, uploaded on its first
/// send). Reports answers per second for both, and how the pictures went out: uploads, and sends by a stored file_id.
/// </summary>
internal static class MediaBench
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        Console.WriteLine($"{options.Workers} workers, {options.WarmupSeconds} s warm-up + {options.Seconds} s measured, {options.Tasks} tasks × overlap {BenchOptions.Overlap}; " +
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var rows = new List<string>();
        var holds = true;
        foreach (var backend in options.Backends)
        {
            foreach (var pictures in new[] { false, true })
            {
                Console.WriteLine($"load average before {backend} {(pictures ? "image" : "text")}: {Machine.LoadAverage}");
                await using var bot = await BotUnderLoad.StartAsync(backend, options);
                await CreateAsync(bot, options.Tasks, pictures);
                var load = new LoadRun(bot, options);
                var result = await load.RunAsync(backend);
                var checks = await InvariantReport.CheckAsync(bot, load.Users, load.Completed);
                holds &= checks.Holds;
                var emulator = bot.Emulator;
                var (uploads, byId) = (emulator.FilesGiven(FileSource.Upload), emulator.FilesGiven(FileSource.FileId));
                var sends = uploads + byId + emulator.FilesGiven(FileSource.Url);
                await using var c = await bot.Database.OpenAsync(CancellationToken.None);
                var distinct = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM media_files");
                var repeats = sends - distinct;
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {(pictures ? "image" : "text")} | {backend} | {result.Workers} | {result.Seconds} s | {result.Answers:N0} | {result.PerSecond:N0} | {result.Latency.P50:0.0} | {result.Latency.P99:0.0} | " +
                    $"{(pictures ? $"{sends:N0} | {uploads:N0} | {byId:N0} ({Share(byId, sends)}) | {Share(byId, repeats)}" : "– | – | – | –")} | {(checks.Holds ? "hold" : "**BROKEN**")} |"));
                Console.WriteLine(rows[^1]);
            }
        }

        Console.WriteLine();
        Console.WriteLine("| project | backend | workers | window | answers | answers/s | p50 ms | p99 ms | media sends | uploads | by stored file_id | file_id reused on sends after the first | invariants |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        rows.ForEach(Console.WriteLine);
        return holds ? 0 : 1;
    }

    private static string Share(long part, long whole) => whole <= 0 ? "–" : (part / (double)whole).ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>The project the load run works on: text, or a picture per task kept as a ZIP batch's files are.</summary>
    private static async Task CreateAsync(BotUnderLoad bot, int count, bool pictures)
    {
        if (!pictures)
        {
            await bot.CreateProjectAsync(count);
            return;
        }

        var blobs = new List<MediaBlob>(count);
        var tasks = new List<NewTask>(count);
        for (var i = 1; i <= count; i++)
        {
            // Each picture different: a grey PNG of its own size.
            var png = SampleMedia.Png(16 + (i % 200), 16 + (i / 200));
            var sha = Convert.ToHexStringLower(SHA256.HashData(png));
            blobs.Add(new MediaBlob(sha, "image/png", sha[..12] + ".png", png));
            tasks.Add(new NewTask(new Dictionary<string, string> { ["photo"] = MediaRef.UploadPrefix + sha, ["text"] = $"item {i}" }, i % 10 == 0 ? "a" : null));
        }

        var services = bot.App.Services;
        await services.GetRequiredService<MediaStore>().AddBlobsAsync(blobs);
        await services.GetRequiredService<ProjectStore>().CreateAsync(
            new NewProject("Benchmark", "Pick any option", AnswerKind.SingleChoice, ["a", "b", "c"], "{{image:photo}}\n{{text}}", 10, BenchOptions.Overlap, TimeSpan.FromMinutes(10)),
            tasks,
            ProjectState.Active);
    }
}
