using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// Dawid–Skene's second look, every few minutes, at the tasks of active dynamic-overlap projects that stopped short of
/// their maximum on the share of votes: a task whose posterior is below the project's target wants one more answer.
/// Safe to run twice: a task is raised only from the overlap it was read at.
/// </summary>
public sealed class OverlapModelJob(OverlapStore overlaps, ProjectStore projects, ILogger<OverlapModelJob> log)
{
    public async Task RunAsync()
    {
        foreach (var id in await overlaps.ModelledProjectsAsync())
        {
            if (await projects.FindAsync(id) is { } project && await overlaps.RecheckWithModelAsync(project) is > 0 and var raised)
            {
                log.LogInformation("Dynamic overlap: {Raised} tasks of project {ProjectId} want another answer by the model", raised, id);
            }
        }
    }
}
