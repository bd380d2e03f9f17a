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
            ctx.Toast = string.Format(RequesterMessages.AlreadyImported, batch.ProjectId, batch.Id);
            return;
        }

        var check = await files.CheckAsync(batch.FileId, batch.FileName, project, ct);
        if (check.Report is not { } report || report.Problem is not null || report.Sha256 != batch.Sha256)
        {
            ctx.Toast = check.Report is null ? check.Refusal : RequesterMessages.ImportChanged;
            return;
        }

        var outcome = await batches.ImportAsync(batch.Id, ctx.Worker.Id, report.Accepted, ct);
        if (outcome != ImportOutcome.Imported)
        {
            ctx.Toast = string.Format(RequesterMessages.AlreadyImported, batch.ProjectId, batch.Id);
            return;
        }

        var done = string.Format(RequesterMessages.Imported, report.Accepted.Count, batch.ProjectId);
        if (ctx.MessageId is { } id)
        {
            await sender.EditAsync(ctx.ChatId, id, BatchReportText.Report(batch.FileName, batch.ProjectId, report) + "\n\n" + done, ct: ct);
        }

        ctx.Toast = done.Replace("✅ ", "", StringComparison.Ordinal);
    }
}
