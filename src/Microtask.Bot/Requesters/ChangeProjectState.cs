using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>/pause N: the requester stops their project for now.</summary>
internal sealed record PauseProject(string Argument) : ITypedCommand<PauseProject>
{
    public static string Trigger => "/pause";

    public static Access Access => Access.Requester;

    public static PauseProject? Parse(string? argument) => argument is null ? null : new(argument);
}

/// <summary>/resume N: the requester's paused project goes on.</summary>
internal sealed record ResumeProject(string Argument) : ITypedCommand<ResumeProject>
{
    public static string Trigger => "/resume";

    public static Access Access => Access.Requester;

    public static ResumeProject? Parse(string? argument) => argument is null ? null : new(argument);
}

/// <summary>/close N: the requester ends their project; what is left of its budget comes back.</summary>
internal sealed record CloseProject(string Argument) : ITypedCommand<CloseProject>
{
    public static string Trigger => "/close";

    public static Access Access => Access.Requester;

    public static CloseProject? Parse(string? argument) => argument is null ? null : new(argument);
}

/// <summary>Moves the requester's own project between its states, and says what came of it.</summary>
internal sealed class ChangeProjectStateHandler(ProjectStore projects, ProjectCache cache, Sender sender, Events events, IOptions<MicrotaskOptions> options) :
    IHandler<PauseProject>, IHandler<ResumeProject>, IHandler<CloseProject>
{
    public Task HandleAsync(PauseProject command, UpdateContext ctx, CancellationToken ct) =>
        ChangeAsync(PauseProject.Trigger, command.Argument, [ProjectState.Active], ProjectState.Paused, RequesterMessages.StatePaused, ctx, ct);

    public Task HandleAsync(ResumeProject command, UpdateContext ctx, CancellationToken ct) =>
        ChangeAsync(ResumeProject.Trigger, command.Argument, [ProjectState.Paused], ProjectState.Active, RequesterMessages.StateResumed, ctx, ct);

    public Task HandleAsync(CloseProject command, UpdateContext ctx, CancellationToken ct) =>
        ChangeAsync(
            CloseProject.Trigger, command.Argument, [ProjectState.Draft, ProjectState.Active, ProjectState.Paused], ProjectState.Closed, RequesterMessages.StateClosed, ctx, ct);

    private async Task ChangeAsync(string verb, string argument, ProjectState[] from, ProjectState to, string done, UpdateContext ctx, CancellationToken ct)
    {
        if (!long.TryParse(argument.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.StateUsage, verb), ct: ct);
            return;
        }

        var before = await projects.FindAsync(id, ct);
        var changed = await projects.ChangeStateAsync(id, ctx.Worker.Id, from, to, ct);
        cache.Forget(id);
        if (changed && to == ProjectState.Paused)
        {
            await events.PublishAsync(new ProjectPaused(id, PauseReason.Requester), ct);
        }

        var reply = (changed, before) switch
        {
            (true, { Budget: > 0 and var refund }) when to == ProjectState.Closed =>
                string.Format(CultureInfo.CurrentCulture, RequesterMessages.StateClosedRefund, id, options.Value.Currency.Format(refund)),
            (true, _) => string.Format(CultureInfo.CurrentCulture, done, id),
            (false, { State: ProjectState.Paused, PausedByAdmin: true } p) when to == ProjectState.Active && p.RequesterId == ctx.Worker.Id =>
                string.Format(CultureInfo.CurrentCulture, AdminMessages.ProjectHeld, id, Quotes.Of(p.Title, Quotes.Reason)),
            (false, { State: ProjectState.Paused, Budget: { } budget } p) when to == ProjectState.Active && p.RequesterId == ctx.Worker.Id && budget < p.Reward =>
                string.Format(CultureInfo.CurrentCulture, RequesterMessages.StateNoBudget, id, options.Value.Currency.Format(budget), options.Value.Currency.Format(p.Reward)),
            _ => string.Format(CultureInfo.CurrentCulture, RequesterMessages.StateUnchanged, id),
        };
        await sender.SendAsync(ctx.ChatId, reply, ct: ct);
    }
}
