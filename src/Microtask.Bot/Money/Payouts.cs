using System.Globalization;
using global::Telegram.Bot.Types.ReplyMarkups;
using Microsoft.Extensions.Options;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Money;

/// <summary>/payouts, /payouts paid ID reference, /payouts reject ID reason; the argument as typed.</summary>
internal sealed record ShowPayouts(string? Argument) : ITypedCommand<ShowPayouts>
{
    public static string Trigger => "/payouts";

    public static Access Access => Access.Admin;

    public static ShowPayouts Parse(string? argument) => new(argument);
}

/// <summary>Approve under a pending withdrawal: asks for the payment's reference.</summary>
internal sealed record ApprovePayout(long PayoutId) : IButtonCommand<ApprovePayout>
{
    public static string Prefix => "pya";

    public static Access Access => Access.Admin;

    public string Data => Callback.Data(Prefix, PayoutId);

    public static ApprovePayout? Parse(CallbackArgs args) => args.Count == 1 && args.Id(0) is { } id ? new(id) : null;
}

/// <summary>Reject under a pending withdrawal: asks for the reason.</summary>
internal sealed record RejectPayout(long PayoutId) : IButtonCommand<RejectPayout>
{
    public static string Prefix => "pyr";

    public static Access Access => Access.Admin;

    public string Data => Callback.Data(Prefix, PayoutId);

    public static RejectPayout? Parse(CallbackArgs args) => args.Count == 1 && args.Id(0) is { } id ? new(id) : null;
}

/// <summary>
/// /payouts (admins): the oldest pending withdrawal with Approve and Reject buttons. The buttons ask for what the
/// decision needs: <c>/payouts paid ID reference</c> marks it paid (payouts:pending → payouts:paid),
/// <c>/payouts reject ID reason</c> gives the money back. Both are audited and the worker is told in their language.
/// </summary>
internal sealed class PayoutsHandler(PayoutStore payouts, AuditStore audit, WorkerSettings settings, Sender sender, IOptions<MicrotaskOptions> options) :
    IHandler<ShowPayouts>, IHandler<ApprovePayout>, IHandler<RejectPayout>
{
    public async Task HandleAsync(ShowPayouts command, UpdateContext ctx, CancellationToken ct)
    {
        var parts = (command.Argument ?? "").Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        switch (parts)
        {
            case []:
                await ShowOldestAsync(ctx, ct);
                break;
            case [var verb, var number, var text] when verb.ToLowerInvariant() is "paid" or "reject"
                && long.TryParse(Digits.Ascii(number).TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                await DecideAsync(ctx, id, verb.Equals("paid", StringComparison.OrdinalIgnoreCase), text.Trim(), ct);
                break;
            default:
                await sender.SendAsync(ctx.ChatId, MoneyMessages.PayoutsUsage, ct: ct);
                break;
        }
    }

    public Task HandleAsync(ApprovePayout command, UpdateContext ctx, CancellationToken ct) =>
        AskAsync(ctx, command.PayoutId, MoneyMessages.AskReference, ct);

    public Task HandleAsync(RejectPayout command, UpdateContext ctx, CancellationToken ct) =>
        AskAsync(ctx, command.PayoutId, MoneyMessages.AskReason, ct);

    private async Task AskAsync(UpdateContext ctx, long id, string question, CancellationToken ct)
    {
        // The router gates typed commands; a button is only a claim by the client, so the role is checked here.
        var reply = await payouts.FindAsync(id, ct) is { State: PayoutState.Pending }
            ? string.Format(CultureInfo.CurrentCulture, question, id)
            : string.Format(CultureInfo.CurrentCulture, MoneyMessages.PayoutNotPending, id);
        await sender.SendAsync(ctx.ChatId, reply, ct: ct);
    }

    private async Task ShowOldestAsync(UpdateContext ctx, CancellationToken ct)
    {
        if (await payouts.OldestPendingAsync(ct) is not { } p)
        {
            await sender.SendAsync(ctx.ChatId, MoneyMessages.PayoutsNone, ct: ct);
            return;
        }

        var culture = CultureInfo.CurrentCulture;
        var text = string.Format(
            culture, MoneyMessages.PayoutsItem, p.Id, await payouts.PendingCountAsync(ct), Quotes.Of(p.WorkerName, Quotes.Word), p.WorkerTelegramId,
            options.Value.Currency.Format(p.Amount, culture), p.Method, TaskTemplate.Escape(p.Account), LocalTimes.Of(p.CreatedAt, await settings.ZoneAsync(ctx.Worker, ct), culture));
        var buttons = new InlineKeyboardMarkup(
        [
            [
                Keyboards.Button(MoneyMessages.ApproveButton, new ApprovePayout(p.Id)),
                Keyboards.Button(MoneyMessages.RejectButton, new RejectPayout(p.Id)),
            ],
        ]);
        await sender.SendAsync(ctx.ChatId, text, buttons, ct);
    }

    private async Task DecideAsync(UpdateContext ctx, long id, bool paid, string text, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentCulture;
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
        var quoted = Quotes.Of(text, Quotes.Passage);
        await sender.SendAsync(ctx.ChatId, string.Format(culture, done, id, currency.Format(decided.Amount, culture), quoted), ct: ct);

        var theirs = Languages.Culture(decided.WorkerLanguage);
        var key = paid ? nameof(MoneyMessages.PayoutPaid) : nameof(MoneyMessages.PayoutRejected);
        var told = paid
            ? string.Format(theirs, MoneyMessages.ResourceManager.GetString(key, theirs)!, id, currency.Format(decided.Amount, theirs), decided.Method,
                TaskTemplate.Escape(decided.Account), quoted)
            : string.Format(theirs, MoneyMessages.ResourceManager.GetString(key, theirs)!, id, currency.Format(decided.Amount, theirs), quoted);
        await sender.TrySendAsync(decided.WorkerTelegramId, told, ct);
        await ShowOldestAsync(ctx, ct);
    }
}
