using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>/pause: the open task goes back to the pool with no penalty.</summary>
internal sealed class PauseWork(TaskFlow flow, AssignmentStore assignments, Sender sender) : IHandler<PauseCommand>
{
    public async Task HandleAsync(PauseCommand command, UpdateContext ctx, CancellationToken ct)
    {
        if (await flow.LiveAsync(ctx, ct) is { } claimed
            && await assignments.ReleaseAsync(claimed.Assignment.Id, ctx.Worker.Id, AssignmentState.Returned, ct))
        {
            await flow.EditAsync(ctx, (int?)claimed.Assignment.MessageId, TaskMessage.Text(claimed) + "\n\n" + WorkerMessages.PausedNothing, ct);
            await sender.SendAsync(ctx.ChatId, WorkerMessages.Paused, ct: ct);
            return;
        }

        await sender.SendAsync(ctx.ChatId, WorkerMessages.PausedNothing, ct: ct);
    }
}
