using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;

namespace Microtask.Bot.Money;

/// <summary>/balance; any words after it are ignored.</summary>
internal sealed record ShowBalance : ITypedCommand<ShowBalance>
{
    public static string Trigger => "/balance";

    // A requester or an admin reads their account before (or without) agreeing to work.
    public static Access Access => Access.BeforeConsent;

    // Earned money stays the worker's: a ban keeps them from tasks, not from their balance.
    public static bool WhileBanned => true;

    public static ShowBalance Parse(string? argument) => new();
}

/// <summary>/balance: the worker's balance, what the last 7 days paid an hour, and latest movements (rewards summed per local day), a requester's account too.</summary>
internal sealed class ShowBalanceHandler(
    LedgerStore ledger, WorkerStore workers, PayStore pay, WorkerSettings settings, Roles roles, Sender sender, IOptions<MicrotaskOptions> options,
    IOptions<PayoutOptions> payouts, TimeProvider time) :
    IHandler<ShowBalance>
{
    private const int HistoryLines = 10;

    public async Task HandleAsync(ShowBalance command, UpdateContext ctx, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentCulture;
        var currency = options.Value.Currency;
        var balance = (await workers.GetAsync(ctx.Worker.Id, ct))?.Balance ?? ctx.Worker.Balance;
        var zone = await settings.ZoneAsync(ctx.Worker, ct);
        var text = new StringBuilder(string.Format(culture, MoneyMessages.Balance, currency.Format(balance, culture)));
        text.Append(Views.PayTexts.Realised(await pay.EarnedSinceAsync(ctx.Worker.Id, time.GetUtcNow() - Views.PayTexts.RateSpan, ct), currency));
        text.Append("\n\n").Append(MoneyMessages.HistoryHeader).Append('\n');
        var history = await ledger.HistoryAsync(LedgerAccounts.Worker(ctx.Worker.Id), zone, HistoryLines, ct);
        text.Append(history.Count == 0 ? MoneyMessages.HistoryNone : string.Join("\n", history.Select(e => Line(e, culture))));
        if (roles.IsRequester(ctx.Worker))
        {
            var account = await ledger.BalanceAsync(LedgerAccounts.Requester(ctx.Worker.Id), ct);
            text.Append("\n\n").Append(string.Format(culture, MoneyMessages.RequesterBalance, currency.Format(account, culture)));
            var moves = await ledger.HistoryAsync(LedgerAccounts.Requester(ctx.Worker.Id), zone, HistoryLines, ct);
            if (moves.Count > 0)
            {
                text.Append('\n').Append(string.Join("\n", moves.Select(e => Line(e, culture))));
            }
        }

        var minimum = payouts.Value.Minimum;
        text.Append("\n\n").Append(string.Format(
            culture, MoneyMessages.WithdrawHint, Math.Max(minimum, balance), currency.Format(minimum, culture), string.Join(", ", payouts.Value.MethodsInForce)));
        await sender.SendAsync(ctx.ChatId, text.ToString(), ct: ct);
    }

    private string Line(LedgerEntry entry, CultureInfo culture)
    {
        var amount = options.Value.Currency.Format(Math.Abs(entry.Amount), culture);
        return entry.Answers > 0
            ? string.Format(culture, MoneyMessages.HistoryAnswers, entry.At, amount, entry.Answers)
            : string.Format(culture, entry.Amount >= 0 ? MoneyMessages.HistoryIn : MoneyMessages.HistoryOut, entry.At, amount);
    }
}
