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
internal sealed class PayBonusHandler(
    OwnedProject owned, ProjectPseudonyms pseudonyms, BonusStore bonuses, WorkerStore workers, AuditStore audit, Sender sender, IOptions<MicrotaskOptions> options) :
    IHandler<PayBonus>
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

        var pseudonym = ProjectPseudonyms.Normalize(parts[1]);
        if (!(await pseudonyms.OfAsync(project.Id, ct)).TryGetValue(pseudonym, out var id) || await workers.GetAsync(id, ct) is not { } worker)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(culture, RequesterMessages.BonusNoSuchWorker, Quotes.Of(parts[1], Quotes.Word), project.Id), ct: ct);
            return;
        }

        var reason = TelegramLimits.FitPlain(parts[3].Trim(), Quotes.Reason);
        var result = await bonuses.PayAsync(project.Id, ctx.Worker.Id, worker.Id, amount, reason, $"update:{ctx.UpdateId}", ct);
        var balance = currency.Format(result.RequesterBalance, culture);
        switch (result.Outcome)
        {
            case BonusOutcome.ShortOfFunds:
                await sender.SendAsync(ctx.ChatId, string.Format(culture, RequesterMessages.BonusShort, balance, currency.Format(amount, culture)), ct: ct);
                return;
            case BonusOutcome.AlreadyPaid:
                await sender.SendAsync(ctx.ChatId, RequesterMessages.BonusAlreadyPaid, ct: ct);
                return;
        }

        await audit.WriteAsync(ctx.Worker.Id, "bonus", worker.Id, string.Create(CultureInfo.InvariantCulture, $"#{project.Id} {currency.Format(amount, CultureInfo.InvariantCulture)}: {reason}"), ct);
        var theirs = Languages.Culture(worker.Language);
        await sender.TrySendAsync(
            worker.TelegramId,
            string.Format(
                theirs,
                RequesterMessages.ResourceManager.GetString(nameof(RequesterMessages.BonusReceived), theirs)!,
                currency.Format(amount, theirs),
                Quotes.Of(project.Title, Quotes.Word),
                TaskTemplate.Escape(reason)),
            ct);
        await sender.SendAsync(
            ctx.ChatId,
            string.Format(culture, RequesterMessages.BonusPaid, currency.Format(amount, culture), TaskTemplate.Escape(pseudonym), project.Id, balance),
            ct: ct);
    }
}
