using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using Microtask.Bot.Requesters;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Bot.Workers;
using Microtask.Core;
using Microtask.Storage;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace Microtask.Bot.Admins;

/// <summary>
/// /payouts (admins): the oldest pending withdrawal with Approve and Reject buttons. The buttons ask for what the
/// decision needs: <c>/payouts paid ID reference</c> marks it paid (payouts:pending → payouts:paid),
/// <c>/payouts reject ID reason</c> gives the money back. Both are audited and the worker is told in their language.
/// </summary>
internal sealed class Payouts(Roles roles, PayoutStore payouts, AuditStore audit, Sender sender, IOptions<MicrotaskOptions> options) :
    IHandler<PayoutsCommand>, IHandler<PayoutApprovePressed>, IHandler<PayoutRejectPressed>
{
    public async Task HandleAsync(PayoutsCommand command, UpdateContext ctx, CancellationToken ct)
    {
        if (!roles.IsAdmin(ctx.Worker))
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.UnknownCommand, ct: ct);
            return;
        }

        var parts = (command.Argument ?? "").Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        switch (parts)
        {
            case []:
                await ShowOldestAsync(ctx, ct);
                break;
            case [var verb, var number, var text] when verb.ToLowerInvariant() is "paid" or "reject"
                && long.TryParse(number.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                await DecideAsync(ctx, id, verb.ToLowerInvariant() == "paid", text.Trim(), ct);
                break;
            default:
                await sender.SendAsync(ctx.ChatId, MoneyMessages.PayoutsUsage, ct: ct);
                break;
        }
    }

    public Task HandleAsync(PayoutApprovePressed command, UpdateContext ctx, CancellationToken ct) =>
        AskAsync(ctx, command.PayoutId, MoneyMessages.AskReference, ct);

    public Task HandleAsync(PayoutRejectPressed command, UpdateContext ctx, CancellationToken ct) =>
        AskAsync(ctx, command.PayoutId, MoneyMessages.AskReason, ct);

    private async Task AskAsync(UpdateContext ctx, long id, string question, CancellationToken ct)
    {
        // The router gates typed commands; a button is only a claim by the client, so the role is checked here.
        if (!roles.IsAdmin(ctx.Worker))
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.UnknownCommand, ct: ct);
            return;
        }

        var reply = await payouts.FindAsync(id, ct) is { State: PayoutState.Pending }
            ? string.Format(CultureInfo.CurrentUICulture, question, id)
            : string.Format(CultureInfo.CurrentUICulture, MoneyMessages.PayoutNotPending, id);
        await sender.SendAsync(ctx.ChatId, reply, ct: ct);
    }

    private async Task ShowOldestAsync(UpdateContext ctx, CancellationToken ct)
    {
        if (await payouts.OldestPendingAsync(ct) is not { } p)
        {
            await sender.SendAsync(ctx.ChatId, MoneyMessages.PayoutsNone, ct: ct);
            return;
        }

        var culture = CultureInfo.CurrentUICulture;
        var text = string.Format(
            culture, MoneyMessages.PayoutsItem, p.Id, await payouts.PendingCountAsync(ct), TaskTemplate.Escape(p.WorkerName), p.WorkerTelegramId,
            options.Value.Currency.Format(p.Amount, culture), p.Method, TaskTemplate.Escape(p.Account), p.CreatedAt.UtcDateTime);
        var buttons = new InlineKeyboardMarkup(
        [
            [
                TaskMessage.Button(MoneyMessages.ApproveButton, new CallbackData.PayoutApprove(p.Id)),
                TaskMessage.Button(MoneyMessages.RejectButton, new CallbackData.PayoutReject(p.Id)),
            ],
        ]);
        await sender.SendAsync(ctx.ChatId, text, buttons, ct);
    }

    private async Task DecideAsync(UpdateContext ctx, long id, bool paid, string text, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var currency = options.Value.Currency;
        var decided = paid ? await payouts.ApproveAsync(id, ctx.Worker.Id, text, ct) : await payouts.RejectAsync(id, ctx.Worker.Id, text, ct);
        if (decided is null)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(culture, MoneyMessages.PayoutNotPending, id), ct: ct);
            return;
        }

        var amount = currency.Format(decided.Amount, CultureInfo.InvariantCulture);
        await audit.WriteAsync(ctx.Worker.Id, paid ? "payout.paid" : "payout.rejected", decided.WorkerId, $"#{id} {amount}: {text}", ct);
        var done = paid ? MoneyMessages.PayoutMarkedPaid : MoneyMessages.PayoutMarkedRejected;
        await sender.SendAsync(
            ctx.ChatId, string.Format(culture, done, id, currency.Format(decided.Amount, culture), TaskTemplate.Escape(text)), ct: ct);

        var theirs = Languages.Culture(decided.WorkerLanguage);
        var key = paid ? nameof(MoneyMessages.PayoutPaid) : nameof(MoneyMessages.PayoutRejected);
        var told = paid
            ? string.Format(theirs, MoneyMessages.ResourceManager.GetString(key, theirs)!, id, currency.Format(decided.Amount, theirs), decided.Method,
                TaskTemplate.Escape(decided.Account), TaskTemplate.Escape(text))
            : string.Format(theirs, MoneyMessages.ResourceManager.GetString(key, theirs)!, id, currency.Format(decided.Amount, theirs), TaskTemplate.Escape(text));
        await sender.TrySendAsync(decided.WorkerTelegramId, told, ct);
        await ShowOldestAsync(ctx, ct);
    }
}
