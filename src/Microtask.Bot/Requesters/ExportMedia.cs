using System.Globalization;
using System.IO.Compression;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>/results N media: the voice notes or photos of project N's answers, as ZIP archives.</summary>
internal sealed record ExportMedia(string Project) : ITypedCommand<ExportMedia>
{
    public static string Trigger => "/results";

    public static Access Access => Access.Requester;

    /// <summary>"12 media"; anything else is /results' own.</summary>
    public static ExportMedia? Parse(string? argument) =>
        argument?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is [var project, var word]
            && word.Equals("media", StringComparison.OrdinalIgnoreCase)
            ? new(project)
            : null;
}

/// <summary>
/// Fetches each answer's file from Telegram (getFile) straight into a ZIP entry named by task and pseudonym, never by
/// worker, and sends the archive in parts that each stay under the upload limit. A file Telegram no longer gives is
/// left out and counted.
/// </summary>
internal sealed class ExportMediaHandler(
    OwnedProject owned, ResultStore results, PseudonymSalt salt, Sender sender, ITelegramBotClient bot, IOptions<TelegramOptions> telegram,
    TimeProvider time, ILogger<ExportMediaHandler> log) : IHandler<ExportMedia>
{
    /// <summary>A ZIP's fixed end records (with ZIP64's), and what each entry may add besides its name: headers, extras, a descriptor.</summary>
    private const long EndRecords = 100;

    private const long EntryOverhead = 30 + 46 + 2 * 64;

    public async Task HandleAsync(ExportMedia command, UpdateContext ctx, CancellationToken ct)
    {
        if (await owned.ResolveAsync(ctx, command.Project, RequesterMessages.ResultsUsage, ct) is not { } project)
        {
            return;
        }

        if (!project.Kind.UsesMedia())
        {
            await sender.SendAsync(ctx.ChatId, RequesterMessages.MediaUsage, ct: ct);
            return;
        }

        var files = new List<(string Name, MediaAnswer Media)>();
        await using (var snapshot = await results.SnapshotAsync(project.Id, project.Rules.ExcludeSuspended ? time.GetUtcNow() : null, ct))
        {
            await foreach (var answer in snapshot.AnswersAsync(ct))
            {
                if (MediaAnswer.Read(answer.Value) is { } media)
                {
                    files.Add((MediaAnswer.FileName(project.Kind, answer.TaskId, Pseudonym.Of(salt.Value, project.Id, answer.WorkerId)), media));
                }
            }
        }

        if (files.Count == 0)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.MediaNone, project.Id), ct: ct);
            return;
        }

        var limit = telegram.Value.UploadLimitBytes;
        int part = 0, missing = 0;
        long directory = 0; // the central directory the part's entries will need when it is closed
        var zip = ResultsCsv.TemporaryFile();
        var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true);
        var inPart = 0;
        try
        {
            foreach (var (name, media) in files)
            {
                var file = await FileAsync(media.FileId, ct);
                var cost = EntryOverhead + 2L * name.Length;
                if (file?.FilePath is null || file.FileSize is not { } size || size + cost + EndRecords > limit)
                {
                    missing++;
                    continue;
                }

                if (inPart > 0 && zip.Length + directory + size + cost + EndRecords > limit)
                {
                    await SendPartAsync(ctx, project.Id, ++part, archive, zip, inPart, ct);
                    (zip, inPart, directory) = (ResultsCsv.TemporaryFile(), 0, 0);
                    archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true);
                }

                directory += 46 + 64 + name.Length;

                // Voice and photos are compressed already: stored as they are, the part's size is the files' sizes.
                await using (var entry = await archive.CreateEntry(name, CompressionLevel.NoCompression).OpenAsync(ct))
                {
                    await bot.DownloadFile(file.FilePath, entry, ct);
                }

                await zip.FlushAsync(ct);
                inPart++;
            }

            if (inPart > 0)
            {
                await SendPartAsync(ctx, project.Id, ++part, archive, zip, inPart, ct);
            }
        }
        finally
        {
            archive.Dispose();
            await zip.DisposeAsync();
        }

        if (missing > 0)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.MediaMissing, missing), ct: ct);
        }
    }

    private async Task<global::Telegram.Bot.Types.TGFile?> FileAsync(string fileId, CancellationToken ct)
    {
        try
        {
            return await bot.GetFile(fileId, ct);
        }
        catch (ApiRequestException e)
        {
            log.LogWarning("An answer's file could not be fetched: {Error}", e.Message);
            return null;
        }
    }

    private async Task SendPartAsync(UpdateContext ctx, long projectId, int part, ZipArchive archive, FileStream zip, int count, CancellationToken ct)
    {
        archive.Dispose(); // writes the central directory
        zip.Position = 0;
        var caption = string.Format(CultureInfo.CurrentCulture, RequesterMessages.MediaCaption, projectId, part, count);
        await sender.SendDocumentAsync(ctx.ChatId, FormattableString.Invariant($"project-{projectId}-media-{part}.zip"), zip, caption, ct);
        await zip.DisposeAsync();
    }
}
