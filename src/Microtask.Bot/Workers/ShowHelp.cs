using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;


namespace Microtask.Bot.Workers;

/// <summary>/help: what the bot does and its commands.</summary>
internal sealed record ShowHelp : ITypedCommand<ShowHelp>
{
    public static string Trigger => "/help";

    public static Access Access => Access.BeforeConsent;

    public static bool WhileBanned => true;

    public static ShowHelp? Parse(string? argument) => argument is null ? new() : null;
}

/// <summary>The worker's commands, and a requester's too for a requester; under a ban, which of them still work.</summary>
internal sealed class ShowHelpHandler(Sender sender, Roles roles, TimeProvider time) : IHandler<ShowHelp>
{
    public Task HandleAsync(ShowHelp command, UpdateContext ctx, CancellationToken ct) =>
        sender.SendAsync(
            ctx.ChatId,
            (roles.IsRequester(ctx.Worker) ? WorkerMessages.Help + "\n\n" + RequesterMessages.RequesterHelp : WorkerMessages.Help)
                + (ctx.Worker.BannedUntil > time.GetUtcNow() ? "\n\n" + AdminMessages.BannedHelp : ""),
            ct: ct);
}
