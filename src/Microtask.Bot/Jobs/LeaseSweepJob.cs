using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Bot.Workers;
using Microtask.Storage;
using Microtask.Storage.Coordination;

namespace Microtask.Bot.Jobs;

/// <summary>
/// Ends leases past their time limit: the slot returns to the pool and the task message says time is up.
/// Safe to run twice: a lease is expired once, and a repeated edit is "not modified".
/// </summary>
public sealed class LeaseSweepJob(AssignmentStore assignments, ILeaseStore leases, IServiceProvider services, ILogger<LeaseSweepJob> log)
{
    public async Task RunAsync()
    {
        var expired = await assignments.ExpireDueAsync();
        var sender = services.GetRequiredService<Sender>();
        foreach (var lease in expired)
        {
            await leases.RemoveAsync(lease.Assignment.WorkerId, lease.Assignment.Id);
            if (lease.Assignment.MessageId is not { } messageId || await assignments.FindAsync(lease.Assignment.Id) is not { } claimed)
            {
                continue;
            }

            CultureInfo.CurrentUICulture = Languages.Culture(lease.Language);
            await sender.EditAsync(lease.ChatId, (int)messageId, TaskMessage.Text(claimed) + "\n\n" + WorkerMessages.TimeUp, TaskMessage.Next());
        }

        if (expired.Count > 0)
        {
            log.LogInformation("Expired {Count} leases", expired.Count);
        }
    }
}
