using System.Globalization;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;
using Microtask.Storage.Coordination;

namespace Microtask.Bot.Workers;

/// <summary>The Extend button of a lease's reminder.</summary>
internal sealed record ExtendLease(long AssignmentId) : IButtonCommand<ExtendLease>
{
    public static string Prefix => "x";

    public static Access Access => Access.Worker;

    public string Data => Callback.Data(Prefix, AssignmentId);

    public static ExtendLease? Parse(CallbackArgs args) => args.Count == 1 && args.Id(0) is { } id ? new(id) : null;
}

/// <summary>The reminder's Extend button: one more time limit on the worker's own live lease, once.</summary>
internal sealed class ExtendLeaseHandler(AssignmentStore assignments, ILeaseStore leases, LeaseTimers timers, Sender sender) : IHandler<ExtendLease>
{
    public async Task HandleAsync(ExtendLease command, UpdateContext ctx, CancellationToken ct)
    {
        if (await assignments.ExtendAsync(command.AssignmentId, ctx.Worker.Id, ct) is not { } expiresAt
            || await assignments.FindAsync(command.AssignmentId, ct) is not { } claimed)
        {
            ctx.Toast = WorkerMessages.ExtendRefused;
            return;
        }

        await leases.PutAsync(ctx.Worker.Id, command.AssignmentId, expiresAt);
        timers.EndAt(expiresAt);
        var extended = string.Format(CultureInfo.CurrentCulture, WorkerMessages.Extended, Durations.Short(claimed.Project.TimeLimit));
        ctx.Toast = extended;
        if (ctx.MessageId is { } reminder)
        {
            await sender.EditAsync(ctx.ChatId, reminder, extended, ct: ct);
        }
    }
}
