using System.Globalization;
using System.IO.Compression;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>/results N: project N's answers, aggregated, as a CSV document.</summary>
internal sealed record ExportResults(string? Argument) : ITypedCommand<ExportResults>
{
    public static string Trigger => "/results";

    public static Access Access => Access.Requester;

    public static ExportResults Parse(string? argument) => new(argument);
}

/// <summary>Writes the CSV to a temporary file (zipped when it is over the upload limit) and sends it with its counts.</summary>
internal sealed class ExportResultsHandler(
    OwnedProject owned, ResultStore results, PseudonymSalt salt, Sender sender, IOptions<TelegramOptions> telegram, TimeProvider time) :
    IHandler<ExportResults>
{
    public async Task HandleAsync(ExportResults command, UpdateContext ctx, CancellationToken ct)
    {
        if (await owned.ResolveAsync(ctx, command.Argument, RequesterMessages.ResultsUsage, ct) is not { } project)
        {
            return;
        }

        // Into a temporary file first: the document grows with the project, and its caption needs the counts.
        await using var file = ResultsCsv.TemporaryFile();
        ResultsCsv.Written written;
        (int Answers, int Workers) leftOut;
        await using (var snapshot = await results.SnapshotAsync(project.Id, project.Rules.ExcludeSuspended ? time.GetUtcNow() : null, ct))
        {
            written = await ResultsCsv.WriteAsync(project, snapshot, salt.Value, file, ct);
            leftOut = await snapshot.LeftOutAsync(ct);
        }

        file.Position = 0;
        var culture = CultureInfo.CurrentCulture;
        var caption = string.Format(culture, RequesterMessages.ResultsCaption, project.Id, written.Tasks, written.Answers);
        if (leftOut.Answers > 0)
        {
            caption += "\n" + string.Format(culture, QualityMessages.ResultsExcluded, leftOut.Answers.ToString("N0", culture), leftOut.Workers.ToString("N0", culture), project.Id);
        }

        if (written.Ranking is { Count: > 0 } ranking)
        {
            await using var ranked = ResultsCsv.TemporaryFile();
            await ResultsCsv.WriteRankingAsync(ranking, ranked, ct);
            ranked.Position = 0;
            await sender.SendDocumentAsync(ctx.ChatId, $"project-{project.Id}-ranking.csv", ranked, null, ct);
        }

        if (file.Length <= telegram.Value.UploadLimitBytes)
        {
            await sender.SendDocumentAsync(ctx.ChatId, $"project-{project.Id}-results.csv", file, caption, ct);
            return;
        }

        // Bots may send 50 MB (Telegram:UploadLimitBytes); a CSV this size zips to a fraction of it.
        await using var zip = ResultsCsv.TemporaryFile();
        await using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        await using (var entry = await archive.CreateEntry($"project-{project.Id}-results.csv", CompressionLevel.Optimal).OpenAsync(ct))
        {
            await file.CopyToAsync(entry, ct);
        }

        if (zip.Length > telegram.Value.UploadLimitBytes)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(culture, RequesterMessages.ResultsTooBig, project.Id, zip.Length / 1_000_000, telegram.Value.UploadLimitBytes / 1_000_000), ct: ct);
            return;
        }

        zip.Position = 0;
        await sender.SendDocumentAsync(ctx.ChatId, $"project-{project.Id}-results.zip", zip, caption, ct);
    }
}
