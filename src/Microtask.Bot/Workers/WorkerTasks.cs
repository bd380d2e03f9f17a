using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;
using Microtask.Storage.Coordination;

namespace Microtask.Bot.Workers;

/// <summary>Finds the worker's own tasks: the one behind a button, and the live one.</summary>
internal sealed class WorkerTasks(AssignmentStore assignments, ILeaseStore leases, Sender sender)
{
    /// <summary>The assignment behind a button, if it is this worker's; otherwise the worker is told why not.</summary>
    public async Task<ClaimedTask?> OwnAsync(UpdateContext ctx, long assignmentId, CancellationToken ct)
    {
        var claimed = await assignments.FindAsync(assignmentId, ct);
        if (claimed is null || claimed.Assignment.WorkerId != ctx.Worker.Id)
        {
            await sender.NotifyAsync(ctx, claimed is null ? WorkerMessages.ButtonInvalid : WorkerMessages.NotYours, ct);
            return null;
        }

        return claimed;
    }

    /// <summary>The worker's live task: Redis first, the database when the lease is not there.</summary>
    public async Task<ClaimedTask?> LiveAsync(UpdateContext ctx, CancellationToken ct)
    {
        if (await leases.GetAsync(ctx.Worker.Id) is { } id && await assignments.FindAsync(id, ct) is { } cached
            && cached.Assignment.WorkerId == ctx.Worker.Id && cached.Assignment.State == AssignmentState.Active)
        {
            return cached;
        }

        return await assignments.FindLiveAsync(ctx.Worker.Id, ct);
    }
}
