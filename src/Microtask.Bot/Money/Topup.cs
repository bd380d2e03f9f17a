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

/// <summary>/topup &lt;requester&gt; &lt;amount&gt;; the argument as typed.</summary>
internal sealed record Topup(string? Argument) : ITypedCommand<Topup>
{
    public static string Trigger => "/topup";

    public static Access Access => Access.Admin;

    public static Topup Parse(string? argument) => new(argument);
}

/// <summary>Confirm or Cancel under a large top-up, by its id.</summary>
internal sealed record TopupButton(bool Confirm, long TopupId) : IButtonCommand<TopupButton>
{
    public static string Prefix => "tu";

    public static Access Access => Access.Admin;

    public string Data => Callback.Data(Prefix, Confirm ? 1 : 0, TopupId);

    public static TopupButton? Parse(CallbackArgs args) =>
        args.Count == 2 && args.Small(0) is 0 or 1 && args.Id(1) is { } id ? new(args.Small(0) == 1, id) : null;
}

/// <summary>
/// /topup requester amount (admins): money paid in from outside (the topups account) onto a requester's account,
/// from which their project budgets are reserved. Above Microtask:Payouts:TopupConfirmAbove it waits for the admin's
/// Confirm (a typo of a few zeros is caught there). Audited once the money moves; the requester is told.
/// </summary>
internal sealed class TopupHandler(
    WorkerStore workers, LedgerStore ledger, TopupStore topups, AuditStore audit, Sender sender, IOptions<MicrotaskOptions> options, IOptions<PayoutOptions> payouts) :
    IHandler<Topup>, IHandler<TopupButton>
{
    public async Task HandleAsync(Topup command, UpdateContext ctx, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentCulture;
        var currency = options.Value.Currency;
        var argument = command.Argument?.Trim() ?? "";
        var split = argument.LastIndexOf(' ');
        if (split <= 0 || Amounts.Parse(argument[(split + 1)..]) is not { } amount)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(culture, MoneyMessages.TopupUsage, currency.Symbol), ct: ct);
            return;
        }

        var who = argument[..split].Trim();
        if (await FindAsync(who, ct) is not { } target)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(culture, MoneyMessages.TopupNoSuchUser, Quotes.Of(who, Quotes.Word)), ct: ct);
            return;
        }

        var above = payouts.Value.TopupConfirmAbove;
        if (amount > above)
        {
            var id = await topups.AskAsync(ctx.Worker.Id, ctx.ChatId, target.Id, amount, ct);
            var buttons = new InlineKeyboardMarkup(
                Keyboards.Button(MoneyMessages.TopupConfirm, new TopupButton(true, id)),
                Keyboards.Button(MoneyMessages.TopupCancel, new TopupButton(false, id)));
            await sender.SendAsync(
                ctx.ChatId,
                string.Format(culture, MoneyMessages.TopupAsk, Targets.Who(target), currency.Format(amount, culture), currency.Format(above, culture)),
                buttons,
                ct);
            return;
        }

        var balance = await ledger.TopupAsync(target.Id, amount, ct);
        await sender.SendAsync(ctx.ChatId, await DoneAsync(ctx, target, amount, balance, ct), ct: ct);
    }

    public async Task HandleAsync(TopupButton command, UpdateContext ctx, CancellationToken ct)
    {
        if (!command.Confirm)
        {
            if (await topups.CancelAsync(command.TopupId, ctx.ChatId, ct))
            {
                await sender.EditIfShownAsync(ctx, ctx.MessageId, MoneyMessages.TopupCancelled, ct);
                return;
            }
        }
        else if (await topups.ConfirmAsync(command.TopupId, ctx.ChatId, ct) is { } done && await workers.GetAsync(done.RequesterId, ct) is { } target)
        {
            await sender.EditIfShownAsync(ctx, ctx.MessageId, await DoneAsync(ctx, target, done.Amount, done.Balance, ct), ct);
            return;
        }

        ctx.Toast = MoneyMessages.TopupDecided; // decided already, or a forged button
    }

    /// <summary>After the money moved: audited, the requester told in their language; the admin's line.</summary>
    private async Task<string> DoneAsync(UpdateContext ctx, Worker target, long amount, long balance, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentCulture;
        var currency = options.Value.Currency;
        await audit.WriteAsync(ctx.Worker.Id, "topup", target.Id, currency.Format(amount, CultureInfo.InvariantCulture), ct);
        if (target.Id != ctx.Worker.Id)
        {
            var theirs = Languages.Culture(target.Language);
            await sender.TrySendAsync(
                target.TelegramId,
                string.Format(theirs, MoneyMessages.ResourceManager.GetString(nameof(MoneyMessages.TopupReceived), theirs)!, currency.Format(amount, theirs), currency.Format(balance, theirs)),
                ct);
        }

        return string.Format(culture, MoneyMessages.TopupDone, Quotes.Of(target.Name, Quotes.Word), currency.Format(amount, culture), currency.Format(balance, culture));
    }

    /// <summary>A Telegram id, an @username, or a name (with or without @) that exactly one user has.</summary>
    private async Task<Worker?> FindAsync(string who, CancellationToken ct)
    {
        if (long.TryParse(Digits.Ascii(who), NumberStyles.None, CultureInfo.InvariantCulture, out var telegramId))
        {
            return await workers.FindAsync(telegramId, ct);
        }

        if (Targets.IsUsername(who) && await workers.FindByUsernameAsync(who, ct) is { } byUsername)
        {
            return byUsername;
        }

        var named = await ledger.TelegramIdsNamedAsync(who.TrimStart('@'), ct);
        return named.Count == 1 ? await workers.FindAsync(named[0], ct) : null;
    }
}
