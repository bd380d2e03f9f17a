using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;
using Microtask.Bot.Resources;
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
    AssignmentStore assignments, ILeaseStore leases, Sender sender, LeaseTimers timers, DailyLimits limits, ILogger<TaskOffers> log)
{
    /// <param name="late">The task whose answer just came too late: the worker is told first whether what comes is that task again.</param>
    public async Task OfferNextAsync(UpdateContext ctx, CancellationToken ct, ClaimedTask? late = null)
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
        await TellLateAsync(ctx, late, claimed, ct);
        if (claimed is null)
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.NoTasks, WorkerKeyboards.Next(), ct);
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
            message = await sender.SendWholeAsync(ctx.ChatId, TaskMessage.Text(claimed), WorkerKeyboards.Task(claimed), ct);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400)
        {
            // Telegram refuses this task's message (say, over 4096 characters once rendered): set it aside for this
            // worker, so the next claim offers another instead of this one again and again.
            log.LogError("Task {TaskId} could not be shown: {Error}", claimed.Task.Id, e.Message);
            await assignments.ReleaseAsync(claimed.Assignment.Id, ctx.Worker.Id, AssignmentState.Skipped, ct);
            await leases.RemoveAsync(ctx.Worker.Id, claimed.Assignment.Id);
            await sender.SendAsync(ctx.ChatId, WorkerMessages.TaskUnshowable, WorkerKeyboards.Next(), ct);
            return;
        }

        if (message is not null)
        {
            await assignments.SetMessageAsync(claimed.Assignment.Id, message.MessageId, ct);
            if (claimed.Assignment.MessageId is { } older && older != message.MessageId)
            {
                await sender.EditAsync(ctx.ChatId, (int)older, TaskMessage.Text(claimed) + "\n\n" + WorkerMessages.ShownAgainBelow, ct: ct);
            }
        }
    }

    private Task TellLateAsync(UpdateContext ctx, ClaimedTask? late, ClaimedTask? next, CancellationToken ct) => late is null
        ? Task.CompletedTask
        : sender.NotifyAsync(ctx, next is null ? WorkerMessages.LateAnswerNoNext : next.Task.Id == late.Task.Id ? WorkerMessages.LateAnswerSameTask : WorkerMessages.LateAnswer, ct);
}
