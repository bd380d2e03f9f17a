using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>/pause N, /resume N, /close N: a requester stops, restarts or ends its own project.</summary>
internal sealed class ChangeProjectState(Roles roles, ProjectStore projects, ProjectCache cache, Sender sender, IOptions<MicrotaskOptions> options) :
    IHandler<ProjectStateCommand>
{
    public async Task HandleAsync(ProjectStateCommand command, UpdateContext ctx, CancellationToken ct)
    {
        if (!roles.IsRequester(ctx.Worker))
        {
            await sender.SendAsync(ctx.ChatId, string.Format(WorkerMessages.CommandArguments, command.Verb), ct: ct);
            return;
        }

        if (!long.TryParse(command.Argument.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await sender.SendAsync(ctx.ChatId, string.Format(RequesterMessages.StateUsage, command.Verb), ct: ct);
            return;
        }

        var (from, to, done) = command.Verb switch
        {
            "/pause" => (new[] { ProjectState.Active }, ProjectState.Paused, RequesterMessages.StatePaused),
            "/resume" => ([ProjectState.Paused], ProjectState.Active, RequesterMessages.StateResumed),
            _ => ([ProjectState.Draft, ProjectState.Active, ProjectState.Paused], ProjectState.Closed, RequesterMessages.StateClosed),
        };
        var before = await projects.FindAsync(id, ct);
        var changed = await projects.ChangeStateAsync(id, ctx.Worker.Id, from, to, ct);
        cache.Forget(id);
        var reply = (changed, before) switch
        {
            (true, { Budget: > 0 and var refund }) when to == ProjectState.Closed =>
                string.Format(CultureInfo.CurrentCulture, RequesterMessages.StateClosedRefund, id, options.Value.Currency.Format(refund)),
            (true, _) => string.Format(CultureInfo.CurrentCulture, done, id),
            (false, { State: ProjectState.Paused, Budget: { } budget } p) when to == ProjectState.Active && p.RequesterId == ctx.Worker.Id && budget < p.Reward =>
                string.Format(CultureInfo.CurrentCulture, RequesterMessages.StateNoBudget, id, options.Value.Currency.Format(budget), options.Value.Currency.Format(p.Reward)),
            _ => string.Format(CultureInfo.CurrentCulture, RequesterMessages.StateUnchanged, id),
        };
        await sender.SendAsync(ctx.ChatId, reply, ct: ct);
    }
}
