using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;


namespace Microtask.Bot.Workers;

/// <summary>Unknown commands, junk arguments and dead buttons: a clear reply, no change.</summary>
internal sealed class ReplyToOthers(Sender sender) :
    IHandler<UnknownCommand>, IHandler<JunkArguments>, IHandler<InvalidButton>
{
    public Task HandleAsync(UnknownCommand command, UpdateContext ctx, CancellationToken ct) =>
        sender.SendAsync(ctx.ChatId, WorkerMessages.UnknownCommand, ct: ct);

    public Task HandleAsync(JunkArguments command, UpdateContext ctx, CancellationToken ct) =>
        sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, WorkerMessages.CommandArguments, command.Command), ct: ct);

    public Task HandleAsync(InvalidButton command, UpdateContext ctx, CancellationToken ct)
    {
        ctx.Toast = WorkerMessages.ButtonInvalid;
        return Task.CompletedTask;
    }
}
