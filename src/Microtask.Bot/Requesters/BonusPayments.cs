using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>What became of one bonus: paid, paid before under the same key, short of funds, or no such worker.</summary>
internal sealed record BonusPayment(BonusOutcome? Outcome, long RequesterBalance, string Pseudonym)
{
    public bool NoSuchWorker => Outcome is null;
}

/// <summary>
/// One bonus from a requester to a worker of their project, however it was asked for (the chat's /bonus, the API): the
/// worker found by their pseudonym in the project, the money moved once per request key, the audit line, and the
/// worker told in their language.
/// </summary>
internal sealed class BonusPayments(ProjectPseudonyms pseudonyms, BonusStore bonuses, WorkerStore workers, AuditStore audit, Sender sender, IOptions<MicrotaskOptions> options)
{
    /// <param name="pseudonym">As the requester wrote it; matched as /results writes it.</param>
    /// <param name="requestKey">The same key pays once.</param>
    public async Task<BonusPayment> PayAsync(Project project, long requesterId, string pseudonym, long amount, string reason, string requestKey, CancellationToken ct)
    {
        var normalized = ProjectPseudonyms.Normalize(pseudonym);
        if (!(await pseudonyms.OfAsync(project.Id, ct)).TryGetValue(normalized, out var id) || await workers.GetAsync(id, ct) is not { } worker)
        {
            return new BonusPayment(null, 0, normalized);
        }

        var result = await bonuses.PayAsync(project.Id, requesterId, worker.Id, amount, reason, requestKey, ct);
        if (result.Outcome != BonusOutcome.Paid)
        {
            return new BonusPayment(result.Outcome, result.RequesterBalance, normalized);
        }

        var currency = options.Value.Currency;
        await audit.WriteAsync(requesterId, "bonus", worker.Id, string.Create(CultureInfo.InvariantCulture, $"#{project.Id} {currency.Format(amount, CultureInfo.InvariantCulture)}: {reason}"), ct);
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
        return new BonusPayment(BonusOutcome.Paid, result.RequesterBalance, normalized);
    }
}
