using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>A task's Report button: step one, asking why.</summary>
internal sealed record ReportTask(long AssignmentId) : IButtonCommand<ReportTask>
{
    public static string Prefix => "r";

    public static Access Access => Access.Worker;

    public string Data => Callback.Data(Prefix, AssignmentId);

    public static ReportTask? Parse(CallbackArgs args) => args.Count == 1 && args.Id(0) is { } id ? new(id) : null;
}

/// <summary>A reason's button: step two, the report itself.</summary>
internal sealed record ReportTaskReason(long AssignmentId, int Reason) : IButtonCommand<ReportTaskReason>
{
    public static string Prefix => "rr";

    public static Access Access => Access.Worker;

    public string Data => Callback.Data(Prefix, AssignmentId, Reason);

    public static ReportTaskReason? Parse(CallbackArgs args) =>
        args.Count == 2 && args.Id(0) is { } id && args.Small(1) is { } reason ? new(id, reason) : null;
}

/// <summary>Asks why, with a button per reason on the task message itself; then records the report and the next task comes.</summary>
internal sealed class ReportTaskHandler(WorkerTasks tasks, TaskOffers offers, AssignmentStore assignments, Sender sender, TaskDelivery delivery) :
    IHandler<ReportTask>, IHandler<ReportTaskReason>
{
    public async Task HandleAsync(ReportTask command, UpdateContext ctx, CancellationToken ct)
    {
        if (await tasks.OwnAsync(ctx, command.AssignmentId, ct) is { } claimed && ctx.MessageId is { } id)
        {
            await delivery.EditAsync(ctx.ChatId, id, claimed, WorkerMessages.ReportPrompt, WorkerKeyboards.ReportReasons(claimed.Assignment.Id), ct);
        }
    }

    /// <summary>The task leaves this worker's queue.</summary>
    public async Task HandleAsync(ReportTaskReason command, UpdateContext ctx, CancellationToken ct)
    {
        if (await tasks.OwnAsync(ctx, command.AssignmentId, ct) is not { } claimed)
        {
            return;
        }

        if (!Enum.IsDefined((ReportReason)command.Reason)
            || !await assignments.ReportAsync(claimed.Assignment.Id, ctx.Worker.Id, (ReportReason)command.Reason, ct))
        {
            await sender.NotifyAsync(ctx, WorkerMessages.ButtonInvalid, ct);
            return;
        }

        await delivery.EditIfShownAsync(ctx, ctx.MessageId, claimed, WorkerMessages.Reported, ct);
        await offers.OfferNextAsync(ctx, ct);
    }
}
