using System.Globalization;
using global::Telegram.Bot.Types.ReplyMarkups;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>⚖️ Dispute under a gold answer marked wrong: the worker contests the expected answer of the assignment's task.</summary>
internal sealed record DisputeGold(long AssignmentId) : IButtonCommand<DisputeGold>
{
    public static string Prefix => "gd";

    public static Access Access => Access.Worker;

    public string Data => Callback.Data(Prefix, AssignmentId);

    public static DisputeGold? Parse(CallbackArgs args) => args.Count == 1 && args.Id(0) is { } id ? new(id) : null;

    /// <summary>The button under an answer a gold task marked wrong, unless that answer suspended the worker: a suspended worker cannot dispute.</summary>
    public static InlineKeyboardMarkup? Offer(ClaimedTask claimed, SubmitResult result) =>
        result.GoldCorrect == false && result.Verdict?.Suspended is null
            ? Keyboards.Single(DisputeMessages.DisputeButton, new DisputeGold(claimed.Assignment.Id))
            : null;
}

/// <summary>
/// Records the dispute (once per task and worker, from a worker in good standing who was marked wrong against the task's
/// gold answer) and takes the button away. The dispute that makes the case sets the task aside in the same transaction;
/// then the workers whose suspension it alone caused are told it is lifted, and the requester hears of it by event.
/// </summary>
internal sealed class DisputeGoldHandler(GoldDisputeStore disputes, ProjectStore projects, WorkerStore workers, BanStore bans, Sender sender, Events events)
    : IHandler<DisputeGold>
{
    public async Task HandleAsync(DisputeGold command, UpdateContext ctx, CancellationToken ct)
    {
        var result = await disputes.DisputeAsync(command.AssignmentId, ctx.Worker.Id, ct);
        ctx.Toast = result.Outcome switch
        {
            DisputeOutcome.Recorded => result.Quarantined is null ? DisputeMessages.DisputeRecorded : DisputeMessages.DisputeQuarantined,
            DisputeOutcome.AlreadyDisputed => DisputeMessages.DisputeTwice,
            DisputeOutcome.NotAnswered => DisputeMessages.DisputeNotAnswered,
            DisputeOutcome.Suspended => DisputeMessages.DisputeSuspended,
            DisputeOutcome.AlreadyReviewed => DisputeMessages.DisputeReviewed,
            _ => DisputeMessages.DisputeNothing,
        };
        if (result.Outcome != DisputeOutcome.Recorded)
        {
            return;
        }

        if (ctx.MessageId is { } shown)
        {
            await sender.EditKeyboardAsync(ctx.ChatId, shown, null, ct);
        }

        if (result.Quarantined is { } quarantined && await projects.FindAsync(quarantined.ProjectId, ct) is { } project)
        {
            foreach (var lifted in result.Lifted ?? [])
            {
                await TellLiftedAsync(project, quarantined, lifted, ct);
            }

            await events.PublishAsync(new GoldQuarantined(quarantined), ct);
        }
    }

    /// <summary>Tells a worker, in their language, that the suspension is lifted and why; not one still barred by another ban.</summary>
    private async Task TellLiftedAsync(Project project, QuarantinedGold quarantined, LiftedSuspension lifted, CancellationToken ct)
    {
        if (await workers.GetAsync(lifted.WorkerId, ct) is not { } worker
            || (await bans.InForceAsync(worker.Id, ct)).Any(b => b.ProjectId is null || b.ProjectId == project.Id))
        {
            return;
        }

        var presser = CultureInfo.CurrentUICulture;
        var culture = Languages.Use(worker.Language);
        try
        {
            var (evidence, record) = (quarantined.Evidence, lifted.Record);
            var text = string.Format(
                culture,
                DisputeMessages.GoldUnsuspended,
                TaskTemplate.Escape(TelegramLimits.FitPlain(project.Title, 100)),
                evidence.CrowdCount,
                evidence.Answers,
                TaskMessage.Label(project, TelegramLimits.FitPlain(evidence.CrowdAnswer, 100)),
                evidence.Disputes,
                QualityTexts.Percent(record.Accuracy),
                record.GoldCorrect,
                record.GoldTotal);
            await sender.SendAsync(worker.TelegramId, text, ct: ct);
        }
        finally
        {
            Languages.Use(presser);
        }
    }
}
