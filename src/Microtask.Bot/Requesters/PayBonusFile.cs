using System.Globalization;
using Hangfire;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

internal enum BonusFileStep
{
    Pay,
    Cancel,
}

/// <summary>Pay or Cancel under a file of bonuses' report.</summary>
internal sealed record BonusFileButton(BonusFileStep Step, long FileId) : IButtonCommand<BonusFileButton>
{
    public static string Prefix => "bf";

    public static Access Access => Access.Requester;

    public string Data => Callback.Data(Prefix, (int)Step, FileId);

    public static BonusFileButton? Parse(CallbackArgs args) =>
        args.Count == 2 && args.Small(0) is { } step && Enum.IsDefined((BonusFileStep)step) && args.Id(1) is { } id ? new((BonusFileStep)step, id) : null;
}

/// <summary>
/// Pay moves every row's money in one transaction, after checking the account again, or moves nothing; the file's own
/// state makes a second press (or a redelivered one) pay nothing. The workers are then told by a job, off this chat.
/// </summary>
internal sealed class PayBonusFileHandler(BonusFileStore files, Sender sender, IBackgroundJobClient jobs, IOptions<MicrotaskOptions> options) :
    IHandler<BonusFileButton>
{
    public async Task HandleAsync(BonusFileButton command, UpdateContext ctx, CancellationToken ct)
    {
        if (await files.FindAsync(command.FileId, ct) is not { } file || file.RequesterId != ctx.Worker.Id)
        {
            ctx.Toast = RequesterMessages.BonusFileGone;
            return;
        }

        if (command.Step == BonusFileStep.Cancel)
        {
            file = await files.CancelAsync(file.Id, ctx.Worker.Id, ct) ? file with { State = "cancelled" } : await files.FindAsync(file.Id, ct) ?? file;
            await EndAsync(ctx, file, Ended(file), ct);
            ctx.Toast = Ended(file);
            return;
        }

        var culture = CultureInfo.CurrentCulture;
        var currency = options.Value.Currency;
        var payment = await files.PayAsync(file.Id, ctx.Worker.Id, AuditDetail, ct);
        switch (payment.Outcome)
        {
            case BonusFileOutcome.Paid:
                var paid = string.Format(culture, RequesterMessages.BonusFilePaid, currency.Format(file.Total, culture), file.Rows, currency.Format(payment.RequesterBalance, culture));
                await EndAsync(ctx, file, paid, ct);
                ctx.Toast = string.Format(culture, RequesterMessages.BonusFilePaidToast, currency.Format(file.Total, culture), file.Rows);
                jobs.Enqueue<BonusNoticeJob>(job => job.RunAsync(file.Id));
                break;
            case BonusFileOutcome.ShortOfFunds:
                // The report keeps its buttons: after a top-up, Pay works.
                await sender.SendAsync(
                    ctx.ChatId,
                    string.Format(culture, RequesterMessages.BonusFileShort, currency.Format(payment.RequesterBalance, culture), currency.Format(file.Total, culture)),
                    ct: ct);
                break;
            case BonusFileOutcome.SameFilePaid:
                var same = string.Format(culture, RequesterMessages.BonusFileSamePaid, payment.Earlier!.ProjectId, payment.Earlier.Rows, currency.Format(payment.Earlier.Total, culture));
                await EndAsync(ctx, file, same, ct);
                ctx.Toast = RequesterMessages.BonusAlreadyPaid;
                break;
            default:
                var now = await files.FindAsync(file.Id, ct) ?? file;
                await EndAsync(ctx, now, Ended(now), ct);
                ctx.Toast = Ended(now);
                break;
        }
    }

    /// <summary>The audit entry of one paid row, worded as a single /bonus's.</summary>
    private string AuditDetail(BonusFile file, BonusRow row) => string.Create(
        CultureInfo.InvariantCulture, $"#{file.ProjectId} {options.Value.Currency.Format(row.Amount, CultureInfo.InvariantCulture)}: {row.Reason}");

    /// <summary>The report's head with how it ended, and no buttons.</summary>
    private async Task EndAsync(UpdateContext ctx, BonusFile file, string ending, CancellationToken ct)
    {
        if (ctx.MessageId is { } id)
        {
            await sender.EditAsync(ctx.ChatId, id, UploadBonusesHandler.Head(file.ProjectId, file.FileName, file.Rows, file.Total, options.Value.Currency) + "\n\n" + ending, ct: ct);
        }
    }

    /// <summary>How a file no longer pending ended.</summary>
    private static string Ended(BonusFile file) => file.State == "paid" ? RequesterMessages.BonusAlreadyPaid : RequesterMessages.BonusFileCancelled;
}
