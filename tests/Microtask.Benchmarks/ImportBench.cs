using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microtask.Batches;
using Microtask.Core;
using Microtask.Storage;
using Npgsql;

namespace Microtask.Benchmarks;

/// <summary>
/// A batch file through the bot's own path on PostgreSQL — <see cref="BatchParser"/> (validate), then
/// <see cref="BatchStore.ImportAsync"/> (binary COPY in one transaction) — against psql's <c>\copy</c> of the same
/// rows into the same table of the same database, and the same file through the HTTP API (upload, then import, as a
/// client does it). Each round starts from an empty table and a checkpoint.
/// </summary>
internal static class ImportBench
{
    private const int Rounds = 3;

    public static async Task<int> RunAsync(int rows, BenchOptions options)
    {
        Console.WriteLine($"import: {rows:N0} rows, {Rounds} rounds each way; {Machine.Describe()}");
        if (PgBench.Locate("psql") is not { } psql)
        {
            Console.Error.WriteLine("psql not found on PATH or under /usr/lib/postgresql/*/bin");
            return 2;
        }

        await using var bot = await BotUnderLoad.StartAsync("postgres", options, BenchApi.Settings);
        var services = bot.App.Services;
        var (owner, api) = await BenchApi.ClientAsync(bot);
        using var _ = api;
        var id = await services.GetRequiredService<ProjectStore>().CreateAsync(
            new NewProject("Import", "Is the review positive?", AnswerKind.SingleChoice, ["positive", "negative", "neutral"],
                "<b>{{review}}</b> — {{product}}", 10, 3, TimeSpan.FromMinutes(10), owner),
            [],
            ProjectState.Active);
        var project = (await services.GetRequiredService<ProjectStore>().FindAsync(id))!;
        var batches = services.GetRequiredService<BatchStore>();
        var file = Generate(rows);
        var copyFile = Path.Combine(Path.GetTempPath(), $"microtask-import-{Guid.NewGuid():N}.csv");
        var hasBatchColumn = await bot.Database.ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'tasks' AND column_name = 'batch_id')");
        Console.WriteLine($"file: {file.Length / 1e6:F1} MB CSV; psql {psql}");

        var ours = new List<(double Validate, double Import)>();
        var viaApi = new List<(double Upload, double Import)>();
        var theirs = new List<double>();
        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                await EmptyAsync(bot.Database);
                var (validate, import, report) = await OursAsync(batches, project, owner, file);
                Check(await CountAsync(bot.Database) == rows, "the import did not add every row");
                ours.Add((validate, import));

                if (round == 1)
                {
                    await WriteCopyFileAsync(copyFile, id, project.Overlap, report.Accepted);
                }

                await EmptyAsync(bot.Database);
                viaApi.Add(await ApiAsync(api, id, file));
                Check(await CountAsync(bot.Database) == rows, "the API's import did not add every row");

                await EmptyAsync(bot.Database);
                long? copyBatch = hasBatchColumn ? await batches.AddPendingAsync(id, owner, "bench", "copy.csv", "-", rows) : null;
                theirs.Add(await PsqlCopyAsync(psql, bot, copyFile, copyBatch));
                Check(await CountAsync(bot.Database) == rows, "psql \\copy did not load every row");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: validate {validate:F2} s, import {import:F2} s, API upload {viaApi[^1].Upload:F2} s + import {viaApi[^1].Import:F2} s, psql \\copy {theirs[^1]:F2} s"));
            }
        }
        finally
        {
            File.Delete(copyFile);
        }

        Console.WriteLine();
        Console.WriteLine(Markdown(rows, file.Length, ours, viaApi, theirs, hasBatchColumn));
        return 0;
    }

    /// <summary>What the bot does with a file: validate it (on upload and again on Import), then import it.</summary>
    private static async Task<(double Validate, double Import, BatchReport Report)> OursAsync(BatchStore batches, Project project, long owner, byte[] file)
    {
        var clock = Stopwatch.StartNew();
        var report = await BatchParser.ParseAsync(new MemoryStream(file), "reviews.csv", BatchRules.For(project));
        var validate = clock.Elapsed.TotalSeconds;
        Check(report.Problem is null && report.Rejected.Count == 0, $"validation refused rows ({report.Problem?.Message})");
        var batchId = await batches.AddPendingAsync(project.Id, owner, "bench", "reviews.csv", report.Sha256, report.Accepted.Count);
        clock.Restart();
        var outcome = await batches.ImportAsync(batchId, owner, report.Accepted);
        var import = clock.Elapsed.TotalSeconds;
        Check(outcome == ImportOutcome.Imported, $"import: {outcome}");
        return (validate, import, report);
    }

    /// <summary>
    /// The file as an API client sends it: the upload (read, validated, kept pending with its body) and the import by the
    /// report's id (validated again, then the binary COPY), each timed from the request to the whole answer.
    /// </summary>
    private static async Task<(double Upload, double Import)> ApiAsync(HttpClient api, long projectId, byte[] file)
    {
        var clock = Stopwatch.StartNew();
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        using var uploaded = await api.PostAsync($"projects/{projectId}/batches", content);
        var report = await uploaded.Content.ReadAsStringAsync();
        Check(uploaded.StatusCode == System.Net.HttpStatusCode.Created, $"API upload: {(int)uploaded.StatusCode} {report}");
        var upload = clock.Elapsed.TotalSeconds;
        clock.Restart();
        using var imported = await api.PostAsync($"batches/{JsonDocument.Parse(report).RootElement.GetProperty("id").GetInt64()}/import", null);
        Check(imported.IsSuccessStatusCode, $"API import: {(int)imported.StatusCode} {await imported.Content.ReadAsStringAsync()}");
        return (upload, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Reviews in Indonesian with a comma inside the quoted text, a product column, gold on every tenth row.</summary>
    private static byte[] Generate(int rows)
    {
        string[] gold = ["positive", "negative", "neutral"];
        var text = new StringBuilder("review,product,GOLDEN:answer\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"\"Ulasan {i}: barangnya sampai cepat, kemasannya rapi, tapi warnanya sedikit berbeda dari foto.\",SKU-{i % 5000:D5},{(i % 10 == 0 ? gold[i / 10 % 3] : "")}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The rows exactly as the import writes them (fields as the same JSON), in PostgreSQL's CSV format.</summary>
    private static async Task WriteCopyFileAsync(string path, long projectId, int overlap, IReadOnlyList<NewTask> tasks)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        foreach (var task in tasks)
        {
            var fields = JsonSerializer.Serialize(task.Fields);
            await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"{projectId},\"{fields.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{task.GoldAnswer},{overlap}\n"));
        }
    }

    private static async Task<double> PsqlCopyAsync(string psql, BotUnderLoad bot, string file, long? batchId)
    {
        var server = new NpgsqlConnectionStringBuilder(bot.App.Configuration.GetConnectionString("Postgres"));
        var command = $"\\copy tasks (project_id, fields, gold_answer, overlap) FROM '{file}' WITH (FORMAT csv)";
        var start = new ProcessStartInfo(psql)
        {
            ArgumentList = { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.Host!, "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", server.Username!, "-d", server.Database!, "-c", command },
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = server.Password;
        // Where the schema has a batch column the import fills it too (and its foreign key is checked per row): so does this.
        if (batchId is { } id)
        {
            await bot.Database.ExecuteAsync($"ALTER TABLE tasks ALTER COLUMN batch_id SET DEFAULT {id}");
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("psql did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        if (batchId is not null)
        {
            await bot.Database.ExecuteAsync("ALTER TABLE tasks ALTER COLUMN batch_id DROP DEFAULT");
        }

        Check(process.ExitCode == 0, $"psql failed ({process.ExitCode}): {await stderr}");
        return seconds;
    }

    private static async Task EmptyAsync(IDatabase db)
    {
        await db.ExecuteAsync("TRUNCATE tasks, batches CASCADE");
        await db.ExecuteAsync("CHECKPOINT");
    }

    private static Task<long> CountAsync(IDatabase db) => db.ScalarAsync<long>("SELECT COUNT(*) FROM tasks");

    private static void Check(bool holds, string what)
    {
        if (!holds)
        {
            throw new InvalidOperationException(what);
        }
    }

    private static string Markdown(int rows, long bytes, List<(double Validate, double Import)> ours, List<(double Upload, double Import)> viaApi, List<double> theirs, bool batchColumn)
    {
        static string S(double seconds) => seconds.ToString("F2", CultureInfo.InvariantCulture) + " s";
        static double Median(IEnumerable<double> xs) => xs.Order().ElementAt(Rounds / 2);
        var validate = Median(ours.Select(o => o.Validate));
        var import = Median(ours.Select(o => o.Import));
        var both = Median(ours.Select(o => o.Validate + o.Import));
        var copy = Median(theirs);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"{rows:N0} rows, {bytes / 1e6:F1} MB; medians of {Rounds} rounds (each: {string.Join("; ", ours.Zip(theirs, (o, t) => $"{S(o.Validate)} + {S(o.Import)} vs {S(t)}"))})");
        md.AppendLine();
        md.AppendLine("| step | time | rows/s | ÷ psql \\copy |");
        md.AppendLine("| --- | ---: | ---: | ---: |");
        var rows_ = new[]
        {
            ("validate (BatchParser)", validate), ("import (BatchStore, binary COPY)", import), ("validate + import (the Import button)", both),
            ("API: upload (body read, validated, kept)", Median(viaApi.Select(a => a.Upload))), ("API: import by the report's id (validated again, COPY)", Median(viaApi.Select(a => a.Import))),
            ("API: upload + import", Median(viaApi.Select(a => a.Upload + a.Import))), ("psql \\copy, same rows, same table", copy),
        };
        foreach (var (name, seconds) in rows_)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {S(seconds)} | {rows / seconds:N0} | {seconds / copy:F2} |");
        }

        md.AppendLine();
        md.AppendLine(batchColumn ? "(tasks.batch_id: written by the import, a column default for psql)" : "(no tasks.batch_id column in this schema)");
        return md.ToString();
    }
}
