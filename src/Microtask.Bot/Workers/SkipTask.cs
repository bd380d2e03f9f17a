using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>Skip: the task goes back to the pool for others and is not shown to this worker again.</summary>
internal sealed class SkipTask(TaskFlow flow, AssignmentStore assignments) : IHandler<SkipPressed>
{
    public async Task HandleAsync(SkipPressed command, UpdateContext ctx, CancellationToken ct)
    {
        if (await flow.OwnAsync(ctx, command.AssignmentId, ct) is not { } claimed)
        {
            return;
        }

        if (!await assignments.ReleaseAsync(claimed.Assignment.Id, ctx.Worker.Id, AssignmentState.Skipped, ct))
        {
            await flow.NotifyAsync(ctx, WorkerMessages.ButtonInvalid, ct);
            return;
        }

        await flow.EditAsync(ctx, ctx.MessageId, TaskMessage.Text(claimed) + "\n\n" + WorkerMessages.Skipped, ct);
        await flow.OfferNextAsync(ctx, ct);
    }
}
