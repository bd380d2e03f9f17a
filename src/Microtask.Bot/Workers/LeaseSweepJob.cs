using Microtask.Storage;
using Microtask.Storage.Coordination;

namespace Microtask.Bot.Workers;

/// <summary>
/// The safety net behind each lease's own expiry job: ends leases whose job was missed (a restart, in-memory
/// Hangfire lost on a crash) and puts back in Redis the live leases it lost (a flush, a failover), so Redis
/// agrees with the database within a minute. Safe to run twice.
/// </summary>
public sealed class LeaseSweepJob(AssignmentStore assignments, ILeaseStore leases, IServiceProvider services, ILogger<LeaseSweepJob> log)
{
    public async Task RunAsync()
    {
        var expired = await assignments.ExpireDueAsync();
        var timeUp = services.GetRequiredService<TimeUp>();
        foreach (var lease in expired)
        {
            await timeUp.TellAsync(lease);
        }

        var restored = 0;
        foreach (var live in await assignments.LiveAsync())
        {
            if (await leases.GetAsync(live.WorkerId) != live.Id)
            {
                await leases.PutAsync(live.WorkerId, live.Id, live.ExpiresAt);
                restored++;
            }
        }

        if (expired.Count > 0 || restored > 0)
        {
            log.LogInformation("Expired {Count} leases, restored {Restored} live leases to the lease store", expired.Count, restored);
        }
    }
}
