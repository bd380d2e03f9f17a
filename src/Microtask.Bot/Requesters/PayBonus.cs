using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>/bonus &lt;project&gt; &lt;pseudonym&gt; &lt;amount&gt; &lt;reason&gt;, or /bonus &lt;project&gt; for a file of bonuses; the argument as typed.</summary>
internal sealed record PayBonus(string? Argument) : ITypedCommand<PayBonus>
{
    public static string Trigger => "/bonus";

    public static Access Access => Access.Requester;

    public static PayBonus Parse(string? argument) => new(argument);
}

/// <summary>
/// /bonus: a requester thanks one worker of their project, named by the pseudonym of /results, with money from the
/// requester's account and a reason the worker reads in their language. The update's id keys the request, so a
/// redelivered update pays once. With the project alone it asks for a file of bonuses, sent as a reply (<see cref="UploadBonusesHandler"/>).
/// </summary>
internal sealed class PayBonusHandler(OwnedProject owned, BonusPayments payments, Sender sender, IOptions<MicrotaskOptions> options) : IHandler<PayBonus>
{
    public async Task HandleAsync(PayBonus command, UpdateContext ctx, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentCulture;
        var currency = options.Value.Currency;
        var usage = string.Format(culture, RequesterMessages.BonusUsage, currency.Symbol);
        var parts = (command.Argument ?? "").Split((char[]?)null, 4, StringSplitOptions.RemoveEmptyEntries);
        if (await owned.ResolveAsync(ctx, parts.FirstOrDefault(), usage, ct) is not { } project)
        {
            return;
        }

        if (parts.Length == 1)
        {
            var prompt = string.Format(culture, RequesterMessages.BonusFilePrompt, project.Id, Quotes.Of(project.Title, Quotes.Word), currency.Symbol, BonusSheet.MaxRows);
            await sender.SendAsync(ctx.ChatId, prompt, ct: ct);
            return;
        }

        if (parts.Length < 4 || Amounts.Parse(parts[2]) is not { } amount)
        {
            await sender.SendAsync(ctx.ChatId, usage, ct: ct);
            return;
        }

        var reason = TelegramLimits.FitPlain(parts[3].Trim(), Quotes.Reason);
        var paid = await payments.PayAsync(project, ctx.Worker.Id, parts[1], amount, reason, $"update:{ctx.UpdateId}", ct);
        var balance = currency.Format(paid.RequesterBalance, culture);
        var text = paid.Outcome switch
        {
            null => string.Format(culture, RequesterMessages.BonusNoSuchWorker, Quotes.Of(parts[1], Quotes.Word), project.Id),
            BonusOutcome.ShortOfFunds => string.Format(culture, RequesterMessages.BonusShort, balance, currency.Format(amount, culture)),
            BonusOutcome.AlreadyPaid => RequesterMessages.BonusAlreadyPaid,
            _ => string.Format(culture, RequesterMessages.BonusPaid, currency.Format(amount, culture), TaskTemplate.Escape(paid.Pseudonym), project.Id, balance),
        };
        await sender.SendAsync(ctx.ChatId, text, ct: ct);
    }
}
