using System.Globalization;
using Microtask.Bot.Shared;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Api;

/// <summary>/api/v1/projects: the requester's projects with their progress, and their pause, resume and close.</summary>
internal static class ProjectsApi
{
    public static void MapProjects(this RouteGroupBuilder api)
    {
        api.MapGet("/projects", ListAsync);
        api.MapGet("/projects/{id}", GetAsync);
        api.MapPost("/projects/{id}/pause", (string id, HttpContext http, ProjectStore projects, ProjectCache cache, ResultStore results, Events events) =>
            ChangeAsync(id, [ProjectState.Active], ProjectState.Paused, http, projects, cache, results, events));
        api.MapPost("/projects/{id}/resume", (string id, HttpContext http, ProjectStore projects, ProjectCache cache, ResultStore results, Events events) =>
            ChangeAsync(id, [ProjectState.Paused], ProjectState.Active, http, projects, cache, results, events));
        api.MapPost("/projects/{id}/close", (string id, HttpContext http, ProjectStore projects, ProjectCache cache, ResultStore results, Events events) =>
            ChangeAsync(id, [ProjectState.Draft, ProjectState.Active, ProjectState.Paused], ProjectState.Closed, http, projects, cache, results, events));
    }

    /// <summary>The caller's project named by <paramref name="id"/>; null for a malformed id, an unknown project and another's alike.</summary>
    public static async Task<Project?> OwnedAsync(string id, HttpContext http, ProjectStore projects)
    {
        var caller = ApiCaller.Of(http);
        return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var projectId)
            && await projects.FindAsync(projectId, http.RequestAborted) is { } project && project.RequesterId == caller.Requester.Id
            ? project
            : null;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ResultStore results)
    {
        var owned = await results.OwnedAsync(ApiCaller.Of(http).Requester.Id, http.RequestAborted);
        return TypedResults.Json(new { projects = owned.Select(Summary) }, ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, ProjectStore projects, ResultStore results)
    {
        if (await OwnedAsync(id, http, projects) is not { } project)
        {
            return Problems.NoProject(id);
        }

        return TypedResults.Json(await DetailAsync(project, http, results), ApiJson.Options);
    }

    private static async Task<IResult> ChangeAsync(
        string id, ProjectState[] from, ProjectState to, HttpContext http, ProjectStore projects, ProjectCache cache, ResultStore results, Events events)
    {
        if (await OwnedAsync(id, http, projects) is not { } project)
        {
            return Problems.NoProject(id);
        }

        var changed = await projects.ChangeStateAsync(project.Id, project.RequesterId!.Value, from, to, http.RequestAborted);
        cache.Forget(project.Id);
        if (!changed)
        {
            return Problems.Conflict(
                "state", "The project cannot change that way now", $"Project {project.Id} is {project.State.ToString().ToLowerInvariant()}" +
                (project.PausedByAdmin ? " and held by an admin." : "."));
        }

        if (to == ProjectState.Paused)
        {
            // The pause happened: its event is recorded even if the client has gone meanwhile.
            await events.PublishAsync(new ProjectPaused(project.Id, PauseReason.Requester), CancellationToken.None);
        }

        return TypedResults.Json(await DetailAsync((await projects.FindAsync(project.Id, http.RequestAborted))!, http, results), ApiJson.Options);
    }

    private static async Task<object> DetailAsync(Project project, HttpContext http, ResultStore results)
    {
        var summary = (await results.OwnedAsync(project.RequesterId!.Value, http.RequestAborted)).First(s => s.Id == project.Id);
        return new
        {
            summary.Id,
            summary.Title,
            State = summary.State.ToLowerInvariant(),
            Kind = CreateProjectApi.KindName(project.Kind),
            project.Options,
            Fields = TaskTemplate.Fields(project.Template),
            project.Reward,
            project.Overlap,
            OverlapMax = project.OverlapRule.Dynamic ? project.OverlapMax : null,
            OverlapTarget = project.OverlapRule.Dynamic ? project.OverlapTarget : null,
            TimeLimitSeconds = (int)project.TimeLimit.TotalSeconds,
            project.Budget,
            Progress = Progress(summary),
        };
    }

    private static object Summary(ProjectSummary s) => new { s.Id, s.Title, State = s.State.ToLowerInvariant(), Progress = Progress(s) };

    private static object Progress(ProjectSummary s) => new { s.Tasks, s.TasksDone, s.Answers };
}
