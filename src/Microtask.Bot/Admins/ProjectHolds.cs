using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Views;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>
/// An admin's pause of a project: it holds until an admin lifts it (the requester's /resume is refused), and the
/// requester is told each way, with how to appeal. Each step audited.
/// </summary>
internal sealed class ProjectHolds(
    ReportStore reports, ProjectStore projects, ProjectCache cache, WorkerStore workers, AuditStore audit, BannedLeases leases, Events events)
{
    /// <param name="about">What the admin decided on ("report #3"), for the audit log.</param>
    public async Task PauseAsync(long projectId, long adminId, string about, CancellationToken ct)
    {
        if (!await reports.PauseProjectAsync(projectId, ct))
        {
            return; // closed meanwhile: nothing left to hold
        }

        cache.Forget(projectId);
        await audit.WriteAsync(adminId, "pause-project", null, $"{about}: #{Id(projectId)}", ct);
        await events.PublishAsync(new ProjectPaused(projectId, PauseReason.Admin), ct);
        await TellAsync(projectId, nameof(AdminMessages.ProjectHeld), ct);
    }

    /// <summary>Lifts the admins' pause; the project's state now ("Active", or "Paused" for its budget), null when no admin held it.</summary>
    public async Task<string?> UnpauseAsync(long projectId, long adminId, string? about, CancellationToken ct)
    {
        if (await reports.UnpauseProjectAsync(projectId, ct) is not { } state)
        {
            return null;
        }

        cache.Forget(projectId);
        await audit.WriteAsync(adminId, "unpause-project", null, about is null ? $"#{Id(projectId)}" : $"{about}: #{Id(projectId)}", ct);
        await TellAsync(projectId, state == "Active" ? nameof(AdminMessages.ProjectUnheld) : nameof(AdminMessages.ProjectUnheldNoBudget), ct);
        return state;
    }

    private async Task TellAsync(long projectId, string text, CancellationToken ct)
    {
        if (await projects.FindAsync(projectId, ct) is { RequesterId: { } requesterId } project && await workers.GetAsync(requesterId, ct) is { } requester)
        {
            var title = Quotes.Of(project.Title, Quotes.Reason);
            await leases.TellAsync(requester, text, _ => [project.Id, title], ct);
        }
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
