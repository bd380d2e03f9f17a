using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>/unpause &lt;project&gt;; the argument as typed.</summary>
internal sealed record UnpauseProject(string? Argument) : ITypedCommand<UnpauseProject>
{
    public static string Trigger => "/unpause";

    public static Access Access => Access.Admin;

    public static UnpauseProject Parse(string? argument) => new(argument);
}

/// <summary>/unpause &lt;project&gt;: lifts an admin's pause of a project (from the review queue); audited, the requester is told.</summary>
internal sealed class UnpauseProjectHandler(ProjectStore projects, ProjectHolds holds, Sender sender) : IHandler<UnpauseProject>
{
    public async Task HandleAsync(UnpauseProject command, UpdateContext ctx, CancellationToken ct)
    {
        if (await BanWorkerHandler.FindProjectAsync(projects, sender, command.Argument ?? "", AdminMessages.UnpauseUsage, ctx, ct) is not var (project, _))
        {
            return;
        }

        var culture = CultureInfo.CurrentCulture;
        var title = Quotes.Of(project.Title, Quotes.Reason);
        var reply = await holds.UnpauseAsync(project.Id, ctx.Worker.Id, null, ct) switch
        {
            null => string.Format(culture, AdminMessages.UnpauseNotHeld, project.Id),
            nameof(ProjectState.Active) => string.Format(culture, AdminMessages.Unpaused, project.Id, title),
            _ => string.Format(culture, AdminMessages.UnpausedNoBudget, project.Id, title),
        };
        await sender.SendAsync(ctx.ChatId, reply, ct: ct);
    }
}
