using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>The Activate button under a new project's preview.</summary>
internal sealed record ActivateProject(long ProjectId) : IButtonCommand<ActivateProject>
{
    public static string Prefix => "pa";

    public static Access Access => Access.Requester;

    public string Data => Callback.Data(Prefix, ProjectId);

    public static ActivateProject? Parse(CallbackArgs args) => args.Count == 1 && args.Id(0) is { } id ? new(id) : null;
}

/// <summary>A draft of the requester's own goes live: workers start getting its tasks.</summary>
internal sealed class ActivateProjectHandler(ProjectStore projects, ProjectCache cache, Sender sender, IOptions<MicrotaskOptions> options) : IHandler<ActivateProject>
{
    public async Task HandleAsync(ActivateProject command, UpdateContext ctx, CancellationToken ct)
    {
        var id = command.ProjectId;
        var activated = await projects.ChangeStateAsync(id, ctx.Worker.Id, [ProjectState.Draft], ProjectState.Active, ct);
        cache.Forget(id);
        if (!activated || await projects.FindAsync(id, ct) is not { } project)
        {
            ctx.Toast = string.Format(CultureInfo.CurrentCulture, RequesterMessages.ActivateRefused, id);
            return;
        }

        if (ctx.MessageId is { } preview)
        {
            await sender.EditAsync(ctx.ChatId, preview, ProjectSummary.Text(project, options.Value.Currency), ct: ct);
        }

        await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.Activated, id, ProjectSummary.Columns(project)), ct: ct);
    }
}
