using System.Globalization;
using global::Telegram.Bot.Types.ReplyMarkups;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// A file of bonuses (see <see cref="BonusSheet"/>): every row is checked and a report comes back, with Pay and Cancel
/// when nothing is wrong. Nothing is paid until Pay; the rows wait in the database as the report showed them.
/// </summary>
internal sealed class UploadBonusesHandler(
    ProjectStore projects, ProjectPseudonyms pseudonyms, BonusFileStore files, LedgerStore ledger, BatchFiles downloads, Sender sender,
    IOptions<MicrotaskOptions> options) : IHandler<SentDocument>
{
    public async Task HandleAsync(SentDocument command, UpdateContext ctx, CancellationToken ct)
    {
        if (BonusSheet.Target(command) is not { } projectId)
        {
            await sender.SendAsync(ctx.ChatId, RequesterMessages.BonusFileWhich, ct: ct);
            return;
        }

        if (await projects.FindAsync(projectId, ct) is not { } project || project.RequesterId != ctx.Worker.Id)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.NoSuchProject, projectId), ct: ct);
            return;
        }

        var fileName = BatchFiles.NameOf(command.FileName);
        var check = command.FileSize > BonusSheet.MaxBytes
            ? FileCheck.OverLimit
            : await downloads.CheckAsync(command.FileId, fileName, BonusSheet.Rules, BonusSheet.MaxBytes, ct);
        if (check.Report is not { } report)
        {
            await sender.SendAsync(ctx.ChatId, check.TooBig ? RequesterMessages.BonusFileTooBig : check.Refusal, ct: ct);
            return;
        }

        if (report.Problem is { } problem)
        {
            await sender.SendAsync(
                ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.BonusFileRefused, TaskTemplate.Escape(fileName), BonusSheet.Refusal(problem)), ct: ct);
            return;
        }

        if (await files.PaidWithHashAsync(project.Id, report.Sha256, ct) is { } earlier)
        {
            await sender.SendAsync(ctx.ChatId, SamePaid(earlier), ct: ct);
            return;
        }

        var sheet = BonusSheet.Check(report, await pseudonyms.OfAsync(project.Id, ct));
        var balance = await ledger.BalanceAsync(LedgerAccounts.Requester(ctx.Worker.Id), ct);
        await ReplyAsync(ctx, project.Id, fileName, report.Sha256, sheet, balance, ct);
    }

    /// <summary>The report; with Pay and Cancel when every row can be paid, else the problems and how to send the file again.</summary>
    private async Task ReplyAsync(UpdateContext ctx, long projectId, string fileName, string sha256, BonusSheet sheet, long balance, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentCulture;
        var currency = options.Value.Currency;
        var problems = sheet.Problems.Select(p => p.Text).ToList();
        if (sheet.Rows.Count > 0 && sheet.Total > balance)
        {
            problems.Add(string.Format(culture, RequesterMessages.BonusOverAccount, currency.Format(sheet.Total, culture), currency.Format(balance, culture)));
        }

        var text = Head(projectId, fileName, sheet.Rows.Count + sheet.Problems.Count, sheet.Total, currency) + "\n"
            + string.Format(culture, RequesterMessages.BonusReportAccount, currency.Format(balance, culture));
        InlineKeyboardMarkup? keyboard = null;
        if (problems.Count > 0)
        {
            text += "\n\n" + RequesterMessages.BonusProblems + "\n" + string.Join('\n', problems.Take(BatchReportText.ShownRejections).Select(p => "• " + p));
            if (problems.Count > BatchReportText.ShownRejections)
            {
                text += "\n" + string.Format(culture, RequesterMessages.BonusMoreProblems, problems.Count - BatchReportText.ShownRejections);
            }

            text += "\n\n" + RequesterMessages.BonusFixAndResend;
        }
        else
        {
            var id = await files.AddPendingAsync(projectId, ctx.Worker.Id, $"update:{ctx.UpdateId}", fileName, sha256, sheet.Rows, ct);
            text += "\n\n" + RequesterMessages.BonusPayPrompt;
            keyboard = new InlineKeyboardMarkup(
                Keyboards.Button(string.Format(culture, RequesterMessages.BonusPayButton, currency.Format(sheet.Total, culture), sheet.Rows.Count), new BonusFileButton(BonusFileStep.Pay, id)),
                Keyboards.Button(RequesterMessages.BonusCancelButton, new BonusFileButton(BonusFileStep.Cancel, id)));
        }

        await sender.SendAsync(ctx.ChatId, text, keyboard, ct);
    }

    /// <summary>The report's first lines, which the report keeps once paid or cancelled: the project first, so a reply to it names that one.</summary>
    public static string Head(long projectId, string fileName, int rows, long total, CurrencyOptions currency) =>
        string.Format(CultureInfo.CurrentCulture, RequesterMessages.BonusReport, projectId, TaskTemplate.Escape(fileName), rows, currency.Format(total, CultureInfo.CurrentCulture));

    /// <summary>That the same bytes were paid on the project already, with what they paid.</summary>
    public string SamePaid(BonusFile earlier) => string.Format(
        CultureInfo.CurrentCulture, RequesterMessages.BonusFileSamePaid, earlier.ProjectId, earlier.Rows, options.Value.Currency.Format(earlier.Total, CultureInfo.CurrentCulture));
}
