using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>/projects and /results: the requester's own projects only. Others get the unknown-command reply.</summary>
internal sealed class ProjectCommands(Roles roles, ResultStore results, ProjectStore projects, Sender sender, IOptions<MicrotaskOptions> options) :
    IHandler<ProjectsCommand>, IHandler<ResultsCommand>
{
    public async Task HandleAsync(ProjectsCommand command, UpdateContext ctx, CancellationToken ct)
    {
        if (!await AllowedAsync(ctx, ct))
        {
            return;
        }

        var owned = await results.OwnedAsync(ctx.Worker.Id, ct);
        var lines = owned.Select(p => string.Format(
            RequesterMessages.ProjectLine, p.Id, TaskTemplate.Escape(p.Title), p.State, p.TasksDone, p.Tasks, p.Answers));
        await sender.SendAsync(ctx.ChatId, owned.Count == 0 ? RequesterMessages.NoProjects : RequesterMessages.ProjectsHeader + "\n" + string.Join('\n', lines), ct: ct);
    }

    public async Task HandleAsync(ResultsCommand command, UpdateContext ctx, CancellationToken ct)
    {
        if (!await AllowedAsync(ctx, ct))
        {
            return;
        }

        if (!long.TryParse(command.Argument?.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await sender.SendAsync(ctx.ChatId, RequesterMessages.ResultsUsage, ct: ct);
            return;
        }

        if (await projects.FindAsync(id, ct) is not { } project || project.RequesterId != ctx.Worker.Id)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(RequesterMessages.NoSuchProject, id), ct: ct);
            return;
        }

        var tasks = await results.TasksAsync(id, ct);
        var answers = await results.AnswersAsync(id, ct);
        var csv = ResultsCsv.Build(project, tasks, answers, options.Value.PseudonymSalt);
        await sender.SendDocumentAsync(ctx.ChatId, $"project-{id}-results.csv", csv, string.Format(RequesterMessages.ResultsCaption, id, tasks.Count, answers.Count), ct);
    }

    private async Task<bool> AllowedAsync(UpdateContext ctx, CancellationToken ct)
    {
        if (roles.IsRequester(ctx.Worker))
        {
            return true;
        }

        // The same reply as for any unknown command: the requester commands are not revealed.
        await sender.SendAsync(ctx.ChatId, WorkerMessages.UnknownCommand, ct: ct);
        return false;
    }
}
