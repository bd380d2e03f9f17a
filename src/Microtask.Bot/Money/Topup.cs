using System.Globalization;
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

/// <summary>
/// /topup requester amount (admins): money paid in from outside (the topups account) onto a requester's account,
/// from which their project budgets are reserved. Audited; the requester is told.
/// </summary>
internal sealed class TopupHandler(
    WorkerStore workers, LedgerStore ledger, AuditStore audit, Sender sender, IOptions<MicrotaskOptions> options) : IHandler<Topup>
{
    public async Task HandleAsync(Topup command, UpdateContext ctx, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
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
            await sender.SendAsync(ctx.ChatId, string.Format(culture, MoneyMessages.TopupNoSuchUser, TaskTemplate.Escape(who)), ct: ct);
            return;
        }

        var balance = await ledger.TopupAsync(target.Id, amount, ct);
        await audit.WriteAsync(ctx.Worker.Id, "topup", target.Id, currency.Format(amount, CultureInfo.InvariantCulture), ct);
        await sender.SendAsync(
            ctx.ChatId,
            string.Format(culture, MoneyMessages.TopupDone, TaskTemplate.Escape(target.Name), currency.Format(amount, culture), currency.Format(balance, culture)),
            ct: ct);
        if (target.Id != ctx.Worker.Id)
        {
            var theirs = Languages.Culture(target.Language);
            await sender.TrySendAsync(
                target.TelegramId,
                string.Format(theirs, MoneyMessages.ResourceManager.GetString(nameof(MoneyMessages.TopupReceived), theirs)!, currency.Format(amount, theirs), currency.Format(balance, theirs)),
                ct);
        }
    }

    /// <summary>A Telegram id, an @username, or a name (with or without @) that exactly one user has.</summary>
    private async Task<Worker?> FindAsync(string who, CancellationToken ct)
    {
        if (long.TryParse(who, NumberStyles.None, CultureInfo.InvariantCulture, out var telegramId))
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
