using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>Report, step one: ask why, with a button per reason, on the task message itself.</summary>
internal sealed class ReportTask(TaskFlow flow, Sender sender) : IHandler<ReportPressed>
{
    public async Task HandleAsync(ReportPressed command, UpdateContext ctx, CancellationToken ct)
    {
        if (await flow.OwnAsync(ctx, command.AssignmentId, ct) is { } claimed && ctx.MessageId is { } id)
        {
            var text = TaskMessage.Text(claimed) + "\n\n" + WorkerMessages.ReportPrompt;
            await sender.EditAsync(ctx.ChatId, id, text, TaskMessage.ReportReasons(claimed.Assignment.Id), ct);
        }
    }
}

/// <summary>Report, step two: the report is recorded, the task leaves this worker's queue, the next one comes.</summary>
internal sealed class ReportTaskReason(TaskFlow flow, AssignmentStore assignments) : IHandler<ReportReasonPressed>
{
    public async Task HandleAsync(ReportReasonPressed command, UpdateContext ctx, CancellationToken ct)
    {
        if (await flow.OwnAsync(ctx, command.AssignmentId, ct) is not { } claimed)
        {
            return;
        }

        if (!Enum.IsDefined((ReportReason)command.Reason)
            || !await assignments.ReportAsync(claimed.Assignment.Id, ctx.Worker.Id, (ReportReason)command.Reason, ct))
        {
            await flow.NotifyAsync(ctx, WorkerMessages.ButtonInvalid, ct);
            return;
        }

        await flow.EditAsync(ctx, ctx.MessageId, TaskMessage.Text(claimed) + "\n\n" + WorkerMessages.Reported, ct);
        await flow.OfferNextAsync(ctx, ct);
    }
}
