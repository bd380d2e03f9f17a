using Microtask.Bot.Hosting;
using Microtask.Bot.Requesters;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;
using Microtask.Storage.Coordination;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;

namespace Microtask.Bot.Workers;

/// <summary>The steps every worker use case shares: offer the next task, submit an answer, find the worker's own task.</summary>
internal sealed class TaskFlow(
    AssignmentStore assignments, AnswerStore answers, ILeaseStore leases, Sender sender, RequesterNotices notices, LeaseTimers timers,
    DailyLimits limits, BotMetrics metrics, ILogger<TaskFlow> log)
{
    /// <summary>Claims and shows the next task, or says there is none.</summary>
    public async Task OfferNextAsync(UpdateContext ctx, CancellationToken ct)
    {
        // At the limit: no new task until the worker's next local day (a task already held may still be answered).
        var quota = await limits.TodayAsync(ctx.Worker, ct);
        if (quota.Reached && await assignments.FindLiveAsync(ctx.Worker.Id, ct) is null)
        {
            await sender.SendAsync(ctx.ChatId, limits.ReachedText(quota), ct: ct);
            return;
        }

        var claimed = await assignments.ClaimAsync(ctx.Worker.Id, quota.DayStart, ct);
        if (claimed is null)
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.NoTasks, TaskMessage.Next(), ct);
            return;
        }

        await leases.PutAsync(ctx.Worker.Id, claimed.Assignment.Id, claimed.Assignment.ExpiresAt);
        if (claimed.Assignment.MessageId is null)
        {
            timers.Start(claimed.Assignment, claimed.Project.TimeLimit); // a fresh lease, not the live one shown again
        }

        Message? message;
        try
        {
            message = await sender.SendAsync(ctx.ChatId, TaskMessage.Text(claimed), TaskMessage.Keyboard(claimed), ct);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400)
        {
            // Telegram refuses this task's message (say, over 4096 characters once rendered): set it aside for this
            // worker, so the next claim offers another instead of this one again and again.
            log.LogError("Task {TaskId} could not be shown: {Error}", claimed.Task.Id, e.Message);
            await assignments.ReleaseAsync(claimed.Assignment.Id, ctx.Worker.Id, AssignmentState.Skipped, ct);
            await leases.RemoveAsync(ctx.Worker.Id, claimed.Assignment.Id);
            await sender.SendAsync(ctx.ChatId, WorkerMessages.TaskUnshowable, TaskMessage.Next(), ct);
            return;
        }

        if (message is not null)
        {
            await assignments.SetMessageAsync(claimed.Assignment.Id, message.MessageId, ct);
        }
    }

    /// <summary>Stores the answer, shows what was saved in place of the buttons, and sends the next task.</summary>
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

                // Two Redis calls that do not depend on each other: issued together, they share one round trip.
                await Task.WhenAll(leases.RemoveAsync(ctx.Worker.Id, claimed.Assignment.Id), limits.CountAnswerAsync(ctx.Worker, ct));
                // The next task is what the worker waits for; the edit of the answered one can go alongside.
                try
                {
                    await Task.WhenAll(
                        EditAsync(ctx, messageId, TaskMessage.Text(claimed) + "\n\n" + Saved(claimed.Project, result), ct),
                        OfferNextAsync(ctx, ct));
                }
                finally
                {
                    // After the worker has the next task, and even if that failed: these events happen once.
                    await notices.AfterAnswerAsync(claimed.Project.Id, result, ct);
                }

                break;
            case SubmitOutcome.Expired:
                await EditAsync(ctx, messageId, TaskMessage.Text(claimed) + "\n\n" + WorkerMessages.TimeUp, ct);
                await NotifyAsync(ctx, WorkerMessages.LateAnswer, ct);
                await OfferNextAsync(ctx, ct);
                break;
            case SubmitOutcome.AlreadyAnswered:
                await NotifyAsync(ctx, WorkerMessages.AlreadyAnswered, ct);
                await CatchUpAsync(ctx, claimed, messageId, ct);
                break;
            default:
                await NotifyAsync(ctx, WorkerMessages.ButtonInvalid, ct);
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
            await EditAsync(ctx, messageId, TaskMessage.Text(claimed) + "\n\n" + string.Format(WorkerMessages.Saved, TaskMessage.Label(claimed.Project, saved)), ct);
        }

        if (await assignments.FindLiveAsync(ctx.Worker.Id, ct) is not { Assignment.MessageId: not null })
        {
            await OfferNextAsync(ctx, ct);
        }
    }

    /// <summary>The assignment behind a button, if it is this worker's; otherwise the worker is told why not.</summary>
    public async Task<ClaimedTask?> OwnAsync(UpdateContext ctx, long assignmentId, CancellationToken ct)
    {
        var claimed = await assignments.FindAsync(assignmentId, ct);
        if (claimed is null || claimed.Assignment.WorkerId != ctx.Worker.Id)
        {
            await NotifyAsync(ctx, claimed is null ? WorkerMessages.ButtonInvalid : WorkerMessages.NotYours, ct);
            return null;
        }

        return claimed;
    }

    /// <summary>The worker's live task: Redis first, the database when the lease is not there.</summary>
    public async Task<ClaimedTask?> LiveAsync(UpdateContext ctx, CancellationToken ct)
    {
        if (await leases.GetAsync(ctx.Worker.Id) is { } id && await assignments.FindAsync(id, ct) is { } cached
            && cached.Assignment.WorkerId == ctx.Worker.Id && cached.Assignment.State == AssignmentState.Active)
        {
            return cached;
        }

        return await assignments.FindLiveAsync(ctx.Worker.Id, ct);
    }

    /// <summary>A short note: a toast for a button press, a message otherwise.</summary>
    public async Task NotifyAsync(UpdateContext ctx, string text, CancellationToken ct)
    {
        if (ctx.CallbackQueryId is not null)
        {
            ctx.Toast = text;
            return;
        }

        await sender.SendAsync(ctx.ChatId, text, ct: ct);
    }

    public async Task EditAsync(UpdateContext ctx, int? messageId, string html, CancellationToken ct)
    {
        if (messageId is { } id)
        {
            await sender.EditAsync(ctx.ChatId, id, html, ct: ct);
        }
    }

    private static string Saved(Project project, SubmitResult result)
    {
        var saved = string.Format(WorkerMessages.Saved, TaskMessage.Label(project, result.Answer!));
        saved = result.GoldCorrect switch
        {
            true => saved + "\n" + WorkerMessages.GoldRight,
            false => saved + "\n" + string.Format(WorkerMessages.GoldWrong, TaskMessage.Label(project, result.GoldAnswer!)),
            null => saved,
        };
        return QualityTexts.ForWorker(project, result) is { } note ? saved + "\n\n" + note : saved;
    }
}
