using Microtask.Bot.Telegram.Routing;


namespace Microtask.Bot.Workers;

/// <summary>/task: the worker's current task, or the next one.</summary>
internal sealed record ShowNextTask : ITypedCommand<ShowNextTask>
{
    public static string Trigger => "/task";

    public static Access Access => Access.Worker;

    public static ShowNextTask? Parse(string? argument) => argument is null ? new() : null;
}

/// <summary>The Next task button, under a saved answer, a skipped task, the consent and elsewhere.</summary>
internal sealed record NextTaskButton : IButtonCommand<NextTaskButton>
{
    public static string Prefix => "n";

    public static Access Access => Access.Worker;

    public string Data => Prefix;

    public static NextTaskButton? Parse(CallbackArgs args) => args.Count == 0 ? new() : null;
}

internal sealed class ShowNextTaskHandler(TaskOffers offers) : IHandler<ShowNextTask>, IHandler<NextTaskButton>
{
    public Task HandleAsync(ShowNextTask command, UpdateContext ctx, CancellationToken ct) => offers.OfferNextAsync(ctx, ct);

    public Task HandleAsync(NextTaskButton command, UpdateContext ctx, CancellationToken ct) => offers.OfferNextAsync(ctx, ct);
}
