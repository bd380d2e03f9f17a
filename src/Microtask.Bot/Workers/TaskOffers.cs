using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Views;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;
using Microtask.Storage.Coordination;

namespace Microtask.Bot.Workers;

/// <summary>
/// Claims and shows the worker's next task, or says there is none. A live task shown again moves to the new message:
/// the older one loses its buttons, so no two messages answer the same task.
/// </summary>
internal sealed class TaskOffers(
    AssignmentStore assignments, ILeaseStore leases, Sender sender, TaskDelivery delivery, MediaStore media, Events events, LeaseTimers timers,
    DailyLimits limits, WorkChoiceStore choices, PracticeStore practice, ILogger<TaskOffers> log)
{
    /// <summary>How many tasks in a row may be taken out for refused media before the worker is told to try later.</summary>
    private const int MaxRefusedInARow = 3;

    /// <param name="late">The task whose answer just came too late: the worker is told first whether what comes is that task again.</param>
    public Task OfferNextAsync(UpdateContext ctx, CancellationToken ct, ClaimedTask? late = null) => OfferAsync(ctx, late, 0, ct);

    private async Task OfferAsync(UpdateContext ctx, ClaimedTask? late, int refused, CancellationToken ct)
    {
        // At the limit: no new task until the worker's next local day (a task already held may still be answered).
        var quota = await limits.TodayAsync(ctx.Worker, ct);
        if (quota.Reached && await assignments.FindLiveAsync(ctx.Worker.Id, ct) is null)
        {
            await TellLateAsync(ctx, late, null, ct);
            await sender.SendAsync(ctx.ChatId, limits.ReachedText(quota), ct: ct);
            return;
        }

        var claimed = await assignments.ClaimAsync(ctx.Worker.Id, quota.DayStart, ct);
        if (claimed is null && await choices.ClearAsync(ctx.Worker.Id, ct) is { } ranOut)
        {
            // The project the worker chose has nothing left for them: say so, and go on with any project.
            await sender.SendAsync(ctx.ChatId, string.Format(System.Globalization.CultureInfo.CurrentCulture, WorkerMessages.ChosenRanOut, ranOut), ct: ct);
            claimed = await assignments.ClaimAsync(ctx.Worker.Id, quota.DayStart, ct);
        }

        await TellLateAsync(ctx, late, claimed, ct);
        if (claimed is null)
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.NoTasks, WorkerKeyboards.Next(), ct);
            return;
        }

        if (claimed.Assignment.MessageId is null && await practice.PendingAsync(ctx.Worker.Id, claimed.Project, ct))
        {
            // A project new to the worker starts with its practice, before any of its tasks (its qualification too): the
            // lease goes back untouched, to be claimed again once the practice is over.
            await assignments.ReleaseAsync(claimed.Assignment.Id, ctx.Worker.Id, AssignmentState.Returned, ct);
            if (await practice.NextAsync(claimed.Project.Id, 0, ct) is { } first
                && await ProjectPractice.ShowAsync(delivery, ctx.ChatId, claimed.Project, first, log, ct))
            {
                return;
            }

            await practice.FinishAsync(ctx.Worker.Id, claimed.Project.Id, ct);
            await OfferAsync(ctx, null, refused, ct);
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
            message = await delivery.SendAsync(ctx.ChatId, claimed, WorkerKeyboards.Task(claimed), ct);
        }
        catch (MediaRefusedException e)
        {
            // Telegram will not send this task's file to anyone: the task leaves the pool, its requester hears of it
            // once, and the worker gets the next task instead of an error.
            log.LogWarning("Task {TaskId} taken out: Telegram refused its {Column}: {Error}", claimed.Task.Id, e.Field.Column, e.Message);
            await SetAsideAsync(ctx, claimed, ct);
            if (await media.RefuseAsync(claimed.Task.Id, e.Value, e.Message, ct))
            {
                await events.PublishAsync(new TaskMediaRefused(claimed.Project.Id, claimed.Task.Id, e.Field, e.Value, e.Message), ct);
            }

            if (refused + 1 < MaxRefusedInARow)
            {
                await OfferAsync(ctx, null, refused + 1, ct);
            }
            else
            {
                await sender.SendAsync(ctx.ChatId, WorkerMessages.TaskUnshowable, WorkerKeyboards.Next(), ct);
            }

            return;
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400)
        {
            // Telegram refuses this task's message (say, over 4096 characters once rendered): set it aside for this
            // worker, so the next claim offers another instead of this one again and again.
            log.LogError("Task {TaskId} could not be shown: {Error}", claimed.Task.Id, e.Message);
            await SetAsideAsync(ctx, claimed, ct);
            await sender.SendAsync(ctx.ChatId, WorkerMessages.TaskUnshowable, WorkerKeyboards.Next(), ct);
            return;
        }

        if (message is not null)
        {
            await assignments.SetMessageAsync(claimed.Assignment.Id, message.MessageId, ct);
            if (claimed.Assignment.MessageId is { } older && older != message.MessageId)
            {
                await delivery.EditAsync(ctx.ChatId, (int)older, claimed, WorkerMessages.ShownAgainBelow, ct: ct);
            }
        }
    }

    private async Task SetAsideAsync(UpdateContext ctx, ClaimedTask claimed, CancellationToken ct)
    {
        await assignments.ReleaseAsync(claimed.Assignment.Id, ctx.Worker.Id, AssignmentState.Skipped, ct);
        await leases.RemoveAsync(ctx.Worker.Id, claimed.Assignment.Id);
    }

    private Task TellLateAsync(UpdateContext ctx, ClaimedTask? late, ClaimedTask? next, CancellationToken ct) => late is null
        ? Task.CompletedTask
        : sender.NotifyAsync(ctx, next is null ? WorkerMessages.LateAnswerNoNext : next.Task.Id == late.Task.Id ? WorkerMessages.LateAnswerSameTask : WorkerMessages.LateAnswer, ct);
}
