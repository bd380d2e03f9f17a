using Hangfire;
using Microtask.Bot.Shared;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// Offers again the slots of answers a project's results leave out: a task that loses an answer to a suspension or a
/// ban gets one more answer from another worker, once per answer (<see cref="ReopenedSlotStore"/>). Every run is safe to
/// repeat: an answer's slot already offered again is not offered twice.
/// </summary>
internal sealed class SlotReopenJob(ReopenedSlotStore slots, TimeProvider time, ILogger<SlotReopenJob> log)
{
    /// <summary>How far back <see cref="SweepAsync"/> looks for bans whose job may have been lost.</summary>
    public static readonly TimeSpan SweepWindow = TimeSpan.FromDays(2);

    /// <summary>The worker's answers in <paramref name="projectId"/> (null: every project) that the results leave out now.</summary>
    public async Task RunAsync(long workerId, long? projectId)
    {
        var opened = await slots.ReopenAsync(workerId, projectId);
        if (opened > 0)
        {
            log.LogInformation("Offered {Slots} slots again after worker {WorkerId} was banned (project {ProjectId}; none: all)", opened, workerId, projectId);
        }
    }

    /// <summary>Every worker whose answers project <paramref name="projectId"/> leaves out now: when it starts leaving them out.</summary>
    public async Task RunForProjectAsync(long projectId)
    {
        foreach (var workerId in await slots.ExcludedWorkersAsync(projectId))
        {
            await slots.ReopenAsync(workerId, projectId);
        }
    }

    /// <summary>
    /// Every hour: the bans of the last two days once more, for a job that was lost (the in-memory storage after a
    /// restart, an instance stopped between a ban and its job).
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task SweepAsync()
    {
        foreach (var (workerId, projectId) in await slots.RecentBansAsync(time.GetUtcNow() - SweepWindow))
        {
            await slots.ReopenAsync(workerId, projectId);
        }
    }
}

/// <summary>A worker banned or suspended: their excluded answers' slots are offered again, in a job of its own.</summary>
internal sealed class ReopenSlotsOnBan(IBackgroundJobClient jobs) : IEventHandler<WorkerBanned>
{
    public Task HandleAsync(WorkerBanned e, CancellationToken ct)
    {
        jobs.Enqueue<SlotReopenJob>(job => job.RunAsync(e.WorkerId, e.ProjectId));
        return Task.CompletedTask;
    }
}
