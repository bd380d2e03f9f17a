using Microtask.Bot.Telegram;

namespace Microtask.Bot.Workers;

/// <summary>/task and the Next button: the worker's current task, or the next one.</summary>
internal sealed class ShowNextTask(TaskFlow flow) : IHandler<TaskCommand>, IHandler<NextPressed>
{
    public Task HandleAsync(TaskCommand command, UpdateContext ctx, CancellationToken ct) => flow.OfferNextAsync(ctx, ct);

    public Task HandleAsync(NextPressed command, UpdateContext ctx, CancellationToken ct) => flow.OfferNextAsync(ctx, ct);
}
