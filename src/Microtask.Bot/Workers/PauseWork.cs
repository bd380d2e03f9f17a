using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>/pause without a project: the worker stops for now.</summary>
internal sealed record PauseWork : ITypedCommand<PauseWork>
{
    public static string Trigger => "/pause";

    public static Access Access => Access.Worker;

    public static PauseWork? Parse(string? argument) => argument is null ? new() : null;
}

/// <summary>The open task goes back to the pool with no penalty.</summary>
internal sealed class PauseWorkHandler(WorkerTasks tasks, AssignmentStore assignments, Sender sender, TaskDelivery delivery) : IHandler<PauseWork>
{
    public async Task HandleAsync(PauseWork command, UpdateContext ctx, CancellationToken ct)
    {
        if (await tasks.LiveAsync(ctx, ct) is { } claimed
            && await assignments.ReleaseAsync(claimed.Assignment.Id, ctx.Worker.Id, AssignmentState.Returned, ct))
        {
            await delivery.EditIfShownAsync(ctx, (int?)claimed.Assignment.MessageId, claimed, WorkerMessages.PausedNothing, ct);
            await sender.SendAsync(ctx.ChatId, WorkerMessages.Paused, ct: ct);
            return;
        }

        await sender.SendAsync(ctx.ChatId, WorkerMessages.PausedNothing, ct: ct);
    }
}
