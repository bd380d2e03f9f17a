using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using global::Telegram.Bot.Types.ReplyMarkups;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// A requester sends a CSV / JSON / JSON Lines file with the project's id in the caption: it is checked and a
/// report comes back with an Import button. Nothing is imported until the button is pressed.
/// </summary>
internal sealed partial class UploadBatchHandler(ProjectStore projects, BatchStore batches, BatchFiles files, JudgingNotes judging, BudgetNotes budgets, Sender sender) : IHandler<SentDocument>
{
    [GeneratedRegex(@"#?([0-9]{1,18})")]
    private static partial Regex ProjectId();

    [GeneratedRegex(@"#([0-9]{1,18})\b")]
    private static partial Regex ProjectMention();

    /// <summary>
    /// The project a file is for: the id in its caption, else the one project the bot's message it replies to
    /// names (a preview, an activation, a report); a message naming several projects names none.
    /// </summary>
    private static long? Target(SentDocument command)
    {
        if (ProjectId().Match(Digits.Ascii(command.Caption ?? "")) is { Success: true } match)
        {
            return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        var named = ProjectMention().Matches(Digits.Ascii(command.ReplyToText ?? "")).Select(m => m.Groups[1].Value).Distinct().ToList();
        return named.Count == 1 ? long.Parse(named[0], CultureInfo.InvariantCulture) : null;
    }

    public async Task HandleAsync(SentDocument command, UpdateContext ctx, CancellationToken ct)
    {
        if (Target(command) is not { } projectId)
        {
            await sender.SendAsync(ctx.ChatId, RequesterMessages.NeedProjectOrReply, ct: ct);
            return;
        }

        if (await projects.FindAsync(projectId, ct) is not { } project || project.RequesterId != ctx.Worker.Id)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.NoSuchProject, projectId), ct: ct);
            return;
        }

        // The size the update states spares a download Telegram would refuse; it is not trusted beyond that.
        var fileName = BatchFiles.NameOf(command.FileName);
        var check = command.FileSize > BatchFiles.MaxBytes ? FileCheck.OverLimit : await files.CheckAsync(command.FileId, fileName, project, ct);
        if (check.Report is not { } report)
        {
            await sender.SendAsync(ctx.ChatId, check.Refusal, ct: ct);
            return;
        }

        await ReplyAsync(ctx, project, command.FileId, fileName, report, ct);
    }

    private async Task ReplyAsync(UpdateContext ctx, Project project, string fileId, string fileName, Batches.BatchReport report, CancellationToken ct)
    {
        if (report.Problem is { } problem)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.FileRefused, TaskTemplate.Escape(fileName), BatchReportText.Problem(problem)), ct: ct);
            return;
        }

        if (await batches.ImportedWithHashAsync(project.Id, report.Sha256, ct) is { } earlier)
        {
            await sender.SendAsync(ctx.ChatId, BatchReportText.AlreadyImported(earlier), ct: ct);
            return;
        }

        var text = BatchReportText.Report(fileName, project.Id, report);
        InlineKeyboardMarkup? keyboard = null;
        if (report.Accepted.Count == 0)
        {
            text += "\n\n" + RequesterMessages.NothingToImport;
        }
        else
        {
            var batchId = await batches.AddPendingAsync(project.Id, ctx.Worker.Id, fileId, fileName, report.Sha256, report.Accepted.Count, ct);
            if (await judging.ForProjectAsync(project, project.Rules, report.GoldCount, report.Accepted.Count - report.PracticeCount, ct) is { } note)
            {
                text += "\n\n" + note;
            }

            if (await budgets.ForUploadAsync(project, report.Accepted.Count, ct) is { } shortNote)
            {
                text += "\n\n" + shortNote;
            }

            text += "\n\n" + RequesterMessages.ImportPrompt;
            keyboard = Keyboards.Single(string.Format(CultureInfo.CurrentCulture, RequesterMessages.ImportButton, report.Accepted.Count), new ImportBatch(batchId));
        }

        await sender.SendAsync(ctx.ChatId, text, keyboard, ct);
        if (report.Rejected.Count > BatchReportText.ShownRejections)
        {
            await sender.SendDocumentAsync(ctx.ChatId, Path.GetFileNameWithoutExtension(fileName) + "-rejected.csv", Encoding.UTF8.GetBytes(BatchReportText.RejectedCsv(report)), ct: ct);
        }
    }
}
