using System.Globalization;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;
using Microtask.Storage.Coordination;

namespace Microtask.Bot.Workers;

/// <summary>Stores an answer, shows what was saved in place of the buttons, and sends the next task.</summary>
internal sealed class AnswerSubmission(
    AssignmentStore assignments, AnswerStore answers, ILeaseStore leases, Sender sender, TaskDelivery delivery, TaskOffers offers, DailyLimits limits, Events events,
    PracticeStore practice, RatingQuestions ratings, BotMetrics metrics, ILogger<AnswerSubmission> log)
{
    /// <summary>The most of a requester's explanation a verdict quotes: the task above it must stay readable.</summary>
    public const int ExplanationShown = 600;

    public async Task SubmitAsync(UpdateContext ctx, ClaimedTask claimed, string answer, CancellationToken ct)
    {
        var result = await answers.SubmitAsync(claimed.Assignment.Id, ctx.Worker.Id, answer, ct);
        var messageId = ctx.MessageId ?? (int?)claimed.Assignment.MessageId;
        switch (result.Outcome)
        {
            case SubmitOutcome.Accepted:
                metrics.AnswerAccepted();
                if (result.NotScored is { } why)
                {
                    log.LogWarning("Answer to assignment {AssignmentId} saved and paid but not scored: {Reason}", claimed.Assignment.Id, why);
                }

                // Redis calls that do not depend on each other: issued together, they share one round trip.
                var rate = ratings.CountAnswerAsync(ctx.Worker.Id, claimed.Project.Id);
                await Task.WhenAll(leases.RemoveAsync(ctx.Worker.Id, claimed.Assignment.Id), limits.CountAnswerAsync(ctx.Worker, ct), rate);
                var explanation = result.GoldCorrect is null ? null : await practice.ExplanationAsync(claimed.Task.Id, ct);
                // The next task is what the worker waits for; the edit of the answered one can go alongside.
                try
                {
                    await Task.WhenAll(
                        delivery.EditIfShownAsync(ctx, messageId, claimed, Saved(claimed.Project, result, explanation), DisputeGold.Offer(claimed, result), ct),
                        offers.OfferNextAsync(ctx, ct));
                }
                finally
                {
                    // After the worker has the next task, and even if that failed: these events happen once.
                    await events.PublishAsync(new AnswerAccepted(claimed.Project.Id, result), ct);
                    if (result.Verdict?.Suspended is not null)
                    {
                        await events.PublishAsync(new WorkerBanned(ctx.Worker.Id, claimed.Project.Id), ct);
                    }
                }

                if (await rate)
                {
                    await ratings.AskAsync(ctx, claimed.Project, ct);
                }

                break;
            case SubmitOutcome.Expired:
                await delivery.EditIfShownAsync(ctx, messageId, claimed, WorkerMessages.TimeUp, ct);
                await offers.OfferNextAsync(ctx, ct, late: claimed);
                break;
            case SubmitOutcome.AlreadyAnswered:
                await sender.NotifyAsync(ctx, WorkerMessages.AlreadyAnswered, ct);
                await CatchUpAsync(ctx, claimed, messageId, ct);
                break;
            default:
                await sender.NotifyAsync(ctx, WorkerMessages.ButtonInvalid, ct);
                break;
        }
    }

    /// <summary>
    /// A press of an answer already saved: a double tap, or the redelivery of a press whose instance died between
    /// saving it and showing the result. The message shows the saved answer (editing what already shows it changes
    /// nothing), and the next task comes unless one is already on the screen — so a crash leaves no worker stuck.
    /// </summary>
    private async Task CatchUpAsync(UpdateContext ctx, ClaimedTask claimed, int? messageId, CancellationToken ct)
    {
        if (await answers.ValueOfAsync(claimed.Assignment.Id, ct) is { } saved)
        {
            await delivery.EditIfShownAsync(ctx, messageId, claimed, string.Format(CultureInfo.CurrentCulture, WorkerMessages.Saved, TaskMessage.Label(claimed.Project, saved)), ct);
        }

        if (await assignments.FindLiveAsync(ctx.Worker.Id, ct) is not { Assignment.MessageId: not null })
        {
            await offers.OfferNextAsync(ctx, ct);
        }
    }

    /// <param name="why">The gold task's explanation, when its requester gave one.</param>
    private static string Saved(Project project, SubmitResult result, string? why)
    {
        var saved = string.Format(CultureInfo.CurrentCulture, WorkerMessages.Saved, TaskMessage.Label(project, result.Answer!));
        saved = result.GoldCorrect switch
        {
            true => saved + "\n" + WorkerMessages.GoldRight,
            false => saved + "\n" + string.Format(CultureInfo.CurrentCulture, WorkerMessages.GoldWrong, TaskMessage.Label(project, result.GoldAnswer!)),
            null => saved,
        };
        if (result.GoldCorrect is not null && why is not null)
        {
            saved += "\n" + string.Format(CultureInfo.CurrentCulture, WorkerMessages.GoldWhy, TaskTemplate.Escape(TelegramLimits.FitPlain(why, ExplanationShown)));
        }

        return QualityTexts.ForWorker(project, result) is { } note ? saved + "\n\n" + note : saved;
    }
}
