using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microtask.Bot.Admins;
using Microtask.Bot.Hosting;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>
/// /withdraw amount method account: a payout request. The amount leaves the balance at once (it waits in
/// payouts:pending until an admin pays or rejects it); bad input gets a clear message and changes nothing.
/// </summary>
internal sealed partial class Withdraw(PayoutStore payouts, WorkerStore workers, Sender sender, IOptions<MicrotaskOptions> options, IOptions<PayoutOptions> payoutOptions) :
    IHandler<WithdrawCommand>
{
    public async Task HandleAsync(WithdrawCommand command, UpdateContext ctx, CancellationToken ct)
    {
        var reply = await ReplyAsync(command.Argument, ctx.Worker, ct);
        await sender.SendAsync(ctx.ChatId, reply, ct: ct);
    }

    private async Task<string> ReplyAsync(string? argument, Worker worker, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var currency = options.Value.Currency;
        var methods = payoutOptions.Value.MethodsInForce;
        var minimum = payoutOptions.Value.Minimum;
        var parts = (argument ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3)
        {
            return string.Format(culture, MoneyMessages.WithdrawUsage, minimum, string.Join(", ", methods));
        }

        if (Amounts.Parse(parts[0]) is not { } amount)
        {
            return string.Format(culture, MoneyMessages.WithdrawBadAmount, currency.Symbol, minimum);
        }

        var method = parts[1].ToLowerInvariant();
        if (!methods.Contains(method))
        {
            return string.Format(culture, MoneyMessages.WithdrawBadMethod, TaskTemplate.Escape(parts[1]), string.Join(", ", methods));
        }

        if (!AccountPattern().IsMatch(parts[2]))
        {
            return MoneyMessages.WithdrawBadAccount;
        }

        if (amount < minimum)
        {
            return string.Format(culture, MoneyMessages.WithdrawBelowMinimum, currency.Format(minimum, culture));
        }

        if (await payouts.RequestAsync(worker.Id, amount, method, parts[2], ct) is not { } id)
        {
            var balance = (await workers.GetAsync(worker.Id, ct))?.Balance ?? 0;
            return string.Format(culture, MoneyMessages.WithdrawTooMuch, currency.Format(balance, culture), currency.Format(amount, culture));
        }

        var left = (await workers.GetAsync(worker.Id, ct))?.Balance ?? 0;
        return string.Format(culture, MoneyMessages.WithdrawCreated, id, currency.Format(amount, culture), method, parts[2], currency.Format(left, culture));
    }

    [GeneratedRegex(@"^[\p{L}\p{Nd}\-._@]{5,40}$")]
    private static partial Regex AccountPattern();
}
