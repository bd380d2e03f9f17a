using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Storage;
using Microtask.Storage.Coordination;

namespace Microtask.Bot.Workers;

/// <summary>The reminder's Extend button: one more time limit on the worker's own live lease, once.</summary>
internal sealed class ExtendLease(AssignmentStore assignments, ILeaseStore leases, LeaseTimers timers, Sender sender) : IHandler<ExtendPressed>
{
    public async Task HandleAsync(ExtendPressed command, UpdateContext ctx, CancellationToken ct)
    {
        if (await assignments.ExtendAsync(command.AssignmentId, ctx.Worker.Id, ct) is not { } expiresAt
            || await assignments.FindAsync(command.AssignmentId, ct) is not { } claimed)
        {
            ctx.Toast = WorkerMessages.ExtendRefused;
            return;
        }

        await leases.PutAsync(ctx.Worker.Id, command.AssignmentId, expiresAt);
        timers.EndAt(expiresAt);
        var extended = string.Format(CultureInfo.CurrentCulture, WorkerMessages.Extended, LeaseTimers.Duration(claimed.Project.TimeLimit));
        ctx.Toast = extended;
        if (ctx.MessageId is { } reminder)
        {
            await sender.EditAsync(ctx.ChatId, reminder, extended, ct: ct);
        }
    }
}
