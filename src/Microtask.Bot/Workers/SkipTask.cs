using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>A task's Skip button.</summary>
internal sealed record SkipTask(long AssignmentId) : IButtonCommand<SkipTask>
{
    public static string Prefix => "s";

    public static Access Access => Access.Worker;

    public string Data => Callback.Data(Prefix, AssignmentId);

    public static SkipTask? Parse(CallbackArgs args) => args.Count == 1 && args.Id(0) is { } id ? new(id) : null;
}

/// <summary>The task goes back to the pool for others and is not shown to this worker again.</summary>
internal sealed class SkipTaskHandler(WorkerTasks tasks, TaskOffers offers, AssignmentStore assignments, Sender sender, TaskDelivery delivery) : IHandler<SkipTask>
{
    public async Task HandleAsync(SkipTask command, UpdateContext ctx, CancellationToken ct)
    {
        if (await tasks.OwnAsync(ctx, command.AssignmentId, ct) is not { } claimed)
        {
            return;
        }

        if (!await assignments.ReleaseAsync(claimed.Assignment.Id, ctx.Worker.Id, AssignmentState.Skipped, ct))
        {
            await sender.NotifyAsync(ctx, WorkerMessages.ButtonInvalid, ct);
            return;
        }

        await delivery.EditIfShownAsync(ctx, ctx.MessageId, claimed, WorkerMessages.Skipped, ct);
        await offers.OfferNextAsync(ctx, ct);
    }
}
