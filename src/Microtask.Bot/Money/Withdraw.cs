using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Money;

/// <summary>/withdraw amount method account; the argument as typed.</summary>
internal sealed record Withdraw(string? Argument) : ITypedCommand<Withdraw>
{
    public static string Trigger => "/withdraw";

    public static Access Access => Access.Worker;

    // Earned money stays the worker's: a ban keeps them from tasks, not from their balance.
    public static bool WhileBanned => true;

    public static Withdraw Parse(string? argument) => new(argument);
}

/// <summary>
/// /withdraw amount method account: a payout request. The amount leaves the balance at once (it waits in
/// payouts:pending until an admin pays or rejects it, and the admins are told); bad input gets a clear message and
/// changes nothing.
/// </summary>
internal sealed partial class WithdrawHandler(PayoutStore payouts, WorkerStore workers, Sender sender, IOptions<MicrotaskOptions> options, IOptions<PayoutOptions> payoutOptions, Events events) :
    IHandler<Withdraw>
{
    public async Task HandleAsync(Withdraw command, UpdateContext ctx, CancellationToken ct)
    {
        var (reply, created) = await ReplyAsync(command.Argument, ctx.Worker, ct);
        await sender.SendAsync(ctx.ChatId, reply, ct: ct);
        if (created is { } request)
        {
            await events.PublishAsync(new WithdrawalRequested(ctx.Worker, request.Id, request.Amount), ct);
        }
    }

    /// <summary>The worker's reply, and the payout request when one was created.</summary>
    private async Task<(string Reply, (long Id, long Amount)? Created)> ReplyAsync(string? argument, Worker worker, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentCulture;
        var currency = options.Value.Currency;
        var methods = payoutOptions.Value.MethodsInForce;
        var minimum = payoutOptions.Value.Minimum;
        var parts = (argument ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3)
        {
            return (string.Format(culture, MoneyMessages.WithdrawUsage, minimum, string.Join(", ", methods)), null);
        }

        if (Amounts.Parse(parts[0]) is not { } amount)
        {
            return (string.Format(culture, MoneyMessages.WithdrawBadAmount, currency.Symbol, minimum), null);
        }

        var method = parts[1].ToLowerInvariant();
        if (!methods.Contains(method))
        {
            return (string.Format(culture, MoneyMessages.WithdrawBadMethod, Quotes.Of(parts[1], Quotes.Word), string.Join(", ", methods)), null);
        }

        if (!AccountPattern().IsMatch(parts[2]))
        {
            return (MoneyMessages.WithdrawBadAccount, null);
        }

        if (amount < minimum)
        {
            return (string.Format(culture, MoneyMessages.WithdrawBelowMinimum, currency.Format(minimum, culture)), null);
        }

        if (await payouts.RequestAsync(worker.Id, amount, method, parts[2], ct) is not { } id)
        {
            var balance = (await workers.GetAsync(worker.Id, ct))?.Balance ?? 0;
            return (string.Format(culture, MoneyMessages.WithdrawTooMuch, currency.Format(balance, culture), currency.Format(amount, culture)), null);
        }

        var left = (await workers.GetAsync(worker.Id, ct))?.Balance ?? 0;
        return (string.Format(culture, MoneyMessages.WithdrawCreated, id, currency.Format(amount, culture), method, parts[2], currency.Format(left, culture)), (id, amount));
    }

    [GeneratedRegex(@"^[\p{L}\p{Nd}\-._@]{5,40}$")]
    private static partial Regex AccountPattern();
}
