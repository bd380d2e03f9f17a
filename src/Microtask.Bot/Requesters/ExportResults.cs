using System.Globalization;
using System.IO.Compression;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>/results N: project N's answers, aggregated, as a CSV document.</summary>
internal sealed record ExportResults(string? Argument) : ITypedCommand<ExportResults>
{
    public static string Trigger => "/results";

    public static Access Access => Access.Requester;

    public static ExportResults Parse(string? argument) => new(argument);
}

/// <summary>/results N jsonl: project N's results as a JSON Lines document (any other form is the CSV's).</summary>
internal sealed record ExportResultsJsonl(string Project) : ITypedCommand<ExportResultsJsonl>
{
    public static string Trigger => "/results";

    public static Access Access => Access.Requester;

    public static ExportResultsJsonl? Parse(string? argument) =>
        (argument ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is [var project, var format]
            && format.Equals("jsonl", StringComparison.OrdinalIgnoreCase) ? new(project) : null;
}

/// <summary>
/// Writes the results to a temporary file (zipped when over the upload limit) and sends it with its counts and how much
/// the workers agree; the CSV also comes with a pairwise project's ranking and each worker's agreement with the results.
/// </summary>
internal sealed class ExportResultsHandler(
    OwnedProject owned, ResultStore results, PseudonymSalt salt, Sender sender, IOptions<TelegramOptions> telegram, TimeProvider time) :
    IHandler<ExportResults>, IHandler<ExportResultsJsonl>
{
    public Task HandleAsync(ExportResults command, UpdateContext ctx, CancellationToken ct) => ExportAsync(ctx, command.Argument, jsonl: false, ct);

    public Task HandleAsync(ExportResultsJsonl command, UpdateContext ctx, CancellationToken ct) => ExportAsync(ctx, command.Project, jsonl: true, ct);

    private async Task ExportAsync(UpdateContext ctx, string? argument, bool jsonl, CancellationToken ct)
    {
        if (await owned.ResolveAsync(ctx, argument, RequesterMessages.ResultsUsage, ct) is not { } project)
        {
            return;
        }

        // Into a temporary file first: the document grows with the project, and its caption needs the counts.
        await using var file = ResultsCsv.TemporaryFile();
        ResultsCsv.Written written;
        (int Answers, int Workers) leftOut;
        await using (var snapshot = await results.SnapshotAsync(project.Id, project.Rules.ExcludeSuspended ? time.GetUtcNow() : null, ct))
        {
            written = jsonl
                ? await ResultsJsonl.WriteAsync(project, snapshot, salt.Value, file, ct)
                : await ResultsCsv.WriteAsync(project, snapshot, salt.Value, file, ct);
            leftOut = await snapshot.LeftOutAsync(ct);
        }

        var caption = Caption(project, written, leftOut);
        if (!jsonl && written.Ranking is { Count: > 0 } ranking)
        {
            await SendAsync(ctx, $"project-{project.Id}-ranking.csv", (output, c) => ResultsCsv.WriteRankingAsync(ranking, output, c), ct);
        }

        if (!jsonl && written.Agreement?.Workers is { Count: > 0 } workers)
        {
            await SendAsync(ctx, $"project-{project.Id}-workers.csv", (output, c) => ResultsCsv.WriteWorkersAsync(workers, output, c), ct);
        }

        var name = $"project-{project.Id}-results.{(jsonl ? "jsonl" : "csv")}";
        file.Position = 0;
        if (file.Length <= telegram.Value.UploadLimitBytes)
        {
            await sender.SendDocumentAsync(ctx.ChatId, name, file, caption, ct);
            return;
        }

        // Bots may send 50 MB (Telegram:UploadLimitBytes); a document this size zips to a fraction of it.
        await using var zip = ResultsCsv.TemporaryFile();
        await using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        await using (var entry = await archive.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(ct))
        {
            await file.CopyToAsync(entry, ct);
        }

        if (zip.Length > telegram.Value.UploadLimitBytes)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.ResultsTooBig, project.Id, zip.Length / 1_000_000, telegram.Value.UploadLimitBytes / 1_000_000), ct: ct);
            return;
        }

        zip.Position = 0;
        await sender.SendDocumentAsync(ctx.ChatId, $"project-{project.Id}-results.zip", zip, caption, ct);
    }

    private static string Caption(Project project, ResultsCsv.Written written, (int Answers, int Workers) leftOut)
    {
        var culture = CultureInfo.CurrentCulture;
        var caption = string.Format(culture, RequesterMessages.ResultsCaption, project.Id, written.Tasks, written.Answers);
        if (leftOut.Answers > 0)
        {
            caption += "\n" + string.Format(culture, QualityMessages.ResultsExcluded, leftOut.Answers.ToString("N0", culture), leftOut.Workers.ToString("N0", culture), project.Id);
        }

        return AgreementLine(written.Agreement) is { } agreement ? caption + "\n" + agreement : caption;
    }

    /// <summary>Krippendorff's alpha in the reader's format, once two answers of one task can be compared; null before.</summary>
    public static string? AgreementLine(AgreementTally? tally) => tally switch
    {
        null or { Units: 0 } => null,
        { Alpha: { } alpha } => string.Format(CultureInfo.CurrentCulture, RequesterMessages.Agreement, alpha, tally.Units),
        _ => string.Format(CultureInfo.CurrentCulture, RequesterMessages.AgreementAlike, tally.Units),
    };

    private async Task SendAsync(UpdateContext ctx, string name, Func<Stream, CancellationToken, Task> write, CancellationToken ct)
    {
        await using var file = ResultsCsv.TemporaryFile();
        await write(file, ct);
        file.Position = 0;
        await sender.SendDocumentAsync(ctx.ChatId, name, file, null, ct);
    }
}
