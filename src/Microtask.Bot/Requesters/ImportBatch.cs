using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>The Import button under a batch's report.</summary>
internal sealed record ImportBatch(long BatchId) : IButtonCommand<ImportBatch>
{
    public static string Prefix => "bi";

    public static Access Access => Access.Requester;

    public string Data => Callback.Data(Prefix, BatchId);

    public static ImportBatch? Parse(CallbackArgs args) => args.Count == 1 && args.Id(0) is { } id ? new(id) : null;
}

/// <summary>
/// The file is fetched and checked again (the pending batch holds its Telegram file id, not
/// its rows) and its tasks are added all at once, or not at all.
/// </summary>
internal sealed class ImportBatchHandler(ProjectStore projects, BatchStore batches, BatchFiles files, Sender sender) : IHandler<ImportBatch>
{
    public async Task HandleAsync(ImportBatch command, UpdateContext ctx, CancellationToken ct)
    {
        var batch = await batches.FindAsync(command.BatchId, ct);
        if (batch is null || batch.RequesterId != ctx.Worker.Id
            || await projects.FindAsync(batch.ProjectId, ct) is not { } project)
        {
            ctx.Toast = RequesterMessages.ImportGone;
            return;
        }

        if (batch.Imported)
        {
            ctx.Toast = BatchReportText.AlreadyImportedToast(batch);
            return;
        }

        var check = await files.CheckAsync(batch.FileId, batch.FileName, project, ct);
        // The same bytes sent twice give two reports, each with its button: the second press adds nothing.
        if (await batches.ImportedWithHashAsync(batch.ProjectId, batch.Sha256, ct) is { } earlier)
        {
            await AlreadyImportedAsync(ctx, batch, check.Report, earlier, ct);
            return;
        }

        if (check.Report is not { } report || report.Problem is not null || report.Sha256 != batch.Sha256)
        {
            ctx.Toast = check.Report is null ? check.Refusal : RequesterMessages.ImportChanged;
            return;
        }

        var outcome = await batches.ImportAsync(batch.Id, ctx.Worker.Id, report.Accepted, report.Media.Select(BatchFiles.Blob).ToList(), ct);
        if (outcome != ImportOutcome.Imported)
        {
            // Another press of this button, or of the same file's other report, came first.
            await AlreadyImportedAsync(ctx, batch, report, await batches.ImportedWithHashAsync(batch.ProjectId, batch.Sha256, ct) ?? batch, ct);
            return;
        }

        var done = string.Format(CultureInfo.CurrentCulture, RequesterMessages.Imported, report.Accepted.Count - report.PracticeCount, batch.ProjectId);
        if (ctx.MessageId is { } id)
        {
            await sender.EditAsync(ctx.ChatId, id, BatchReportText.Report(batch.FileName, batch.ProjectId, report) + "\n\n" + done, ct: ct);
        }

        ctx.Toast = done.Replace("✅ ", "", StringComparison.Ordinal);
    }

    /// <summary>Says which upload holds these rows, under the report (whose Import button goes) and in the button's answer.</summary>
    private async Task AlreadyImportedAsync(UpdateContext ctx, Batch pressed, Batches.BatchReport? report, Batch earlier, CancellationToken ct)
    {
        if (ctx.MessageId is { } id && report is { Problem: null })
        {
            await sender.EditAsync(
                ctx.ChatId, id, BatchReportText.Report(pressed.FileName, pressed.ProjectId, report) + "\n\n" + BatchReportText.AlreadyImported(earlier), ct: ct);
        }

        ctx.Toast = BatchReportText.AlreadyImportedToast(earlier);
    }
}
