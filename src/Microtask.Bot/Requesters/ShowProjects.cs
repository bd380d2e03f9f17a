using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>/projects: the requester's own projects with their state and progress.</summary>
internal sealed record ShowProjects : ITypedCommand<ShowProjects>
{
    public static string Trigger => "/projects";

    public static Access Access => Access.Requester;

    public static ShowProjects? Parse(string? argument) => argument is null ? new() : null;
}

internal sealed class ShowProjectsHandler(ResultStore results, Sender sender) : IHandler<ShowProjects>
{
    public async Task HandleAsync(ShowProjects command, UpdateContext ctx, CancellationToken ct)
    {
        var mine = await results.OwnedAsync(ctx.Worker.Id, ct);
        var lines = mine.Select(p => string.Format(
            CultureInfo.CurrentCulture,
            RequesterMessages.ProjectLine,
            p.Id,
            TaskTemplate.Escape(p.Title),
            RequesterMessages.ResourceManager.GetString("State_" + p.State, CultureInfo.CurrentUICulture),
            p.TasksDone,
            p.Tasks,
            p.Answers));
        await sender.SendAsync(ctx.ChatId, mine.Count == 0 ? RequesterMessages.NoProjects : RequesterMessages.ProjectsHeader + "\n" + string.Join('\n', lines), ct: ct);
    }
}
