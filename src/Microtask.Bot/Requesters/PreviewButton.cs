using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;


namespace Microtask.Bot.Requesters;

/// <summary>Every button of a preview task: it answers nothing.</summary>
internal sealed record PreviewButton : IButtonCommand<PreviewButton>
{
    public static string Prefix => "pv";

    public static Access Access => Access.Worker;

    public string Data => Prefix;

    public static PreviewButton? Parse(CallbackArgs args) => args.Count == 0 ? new() : null;
}

/// <summary>Says that a preview's buttons are only for show.</summary>
internal sealed class PreviewButtonHandler : IHandler<PreviewButton>
{
    public Task HandleAsync(PreviewButton command, UpdateContext ctx, CancellationToken ct)
    {
        ctx.Toast = RequesterMessages.PreviewToast;
        return Task.CompletedTask;
    }
}
