using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;

namespace Microtask.Bot.Workers;

/// <summary>/help, unknown commands, junk arguments and dead buttons: a clear reply, no change.</summary>
internal sealed class ReplyToOthers(Sender sender, Requesters.Roles roles) :
    IHandler<HelpCommand>, IHandler<UnknownCommand>, IHandler<JunkArguments>, IHandler<InvalidButton>
{
    public Task HandleAsync(HelpCommand command, UpdateContext ctx, CancellationToken ct) =>
        sender.SendAsync(ctx.ChatId, roles.IsRequester(ctx.Worker) ? WorkerMessages.Help + "\n\n" + RequesterMessages.RequesterHelp : WorkerMessages.Help, ct: ct);

    public Task HandleAsync(UnknownCommand command, UpdateContext ctx, CancellationToken ct) =>
        sender.SendAsync(ctx.ChatId, WorkerMessages.UnknownCommand, ct: ct);

    public Task HandleAsync(JunkArguments command, UpdateContext ctx, CancellationToken ct) =>
        sender.SendAsync(ctx.ChatId, string.Format(WorkerMessages.CommandArguments, command.Command), ct: ct);

    public Task HandleAsync(InvalidButton command, UpdateContext ctx, CancellationToken ct)
    {
        ctx.Toast = WorkerMessages.ButtonInvalid;
        return Task.CompletedTask;
    }
}
