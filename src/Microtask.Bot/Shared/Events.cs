using Microtask.Core;

namespace Microtask.Bot.Shared;

/// <summary>Handles an event one feature publishes and another must act on.</summary>
internal interface IEventHandler<in TEvent>
{
    Task HandleAsync(TEvent e, CancellationToken ct);
}

/// <summary>
/// How a feature tells others what happened without knowing them: each event's handlers are registered by the features
/// that care, and run in the publisher's scope, one after another.
/// </summary>
internal sealed class Events(IServiceProvider services, ILogger<Events> log)
{
    /// <summary>Runs every handler of <paramref name="e"/>; one's failure is logged and stops neither the others nor the publisher.</summary>
    public async Task PublishAsync<TEvent>(TEvent e, CancellationToken ct)
    {
        foreach (var handler in services.GetServices<IEventHandler<TEvent>>())
        {
            try
            {
                await handler.HandleAsync(e, ct);
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogWarning("{Handler} failed on {Event}: {Error}", handler.GetType().Name, typeof(TEvent).Name, failure.Message);
            }
        }
    }
}

/// <summary>A worker's answer was stored and paid: it may have finished a batch or drawn a budget down.</summary>
internal sealed record AnswerAccepted(long ProjectId, SubmitResult Result);

/// <summary>
/// A worker was suspended from a project (by its quality rules or by an admin) or, with no project, banned from the
/// platform: the answers they gave may now be left out of results.
/// </summary>
internal sealed record WorkerBanned(long WorkerId, long? ProjectId);

/// <summary>A worker asked to be paid out: the admins have a request to decide.</summary>
internal sealed record WithdrawalRequested(Worker Worker, long PayoutId, long Amount);

/// <summary>
/// Workers' disputes and the task's own answers showed a gold answer to be wrong: the task was set aside, and its
/// requester should confirm or correct it.
/// </summary>
internal sealed record GoldQuarantined(Microtask.Storage.QuarantinedGold Quarantined);

/// <summary>A user was given or lost a role (requester, admin): what they can do, and so their command menu, changed.</summary>
internal sealed record RoleChanged(long WorkerId);

/// <summary>
/// Telegram refused a task's media value (an unreachable URL, a file it cannot use): the task was taken out of the pool,
/// and its requester should hear of it. Published once per task.
/// </summary>
internal sealed record TaskMediaRefused(long ProjectId, long TaskId, MediaField Field, string Value, string Reason);

/// <summary>
/// Every task of a batch has its answers. Published once each time the batch becomes complete: the store marks it complete
/// once, and only slots offered again after a suspension unmark it.
/// </summary>
internal sealed record BatchCompleted(long ProjectId, long BatchId, string FileName, int Tasks);

/// <summary>Who paused a project.</summary>
internal enum PauseReason
{
    Requester,
    Admin,
    Budget,
}

/// <summary>A project was paused: by its requester (chat or API), by an admin, or by the bot when its budget ran out.</summary>
internal sealed record ProjectPaused(long ProjectId, PauseReason By);

/// <summary>A project's budget fell below its low mark (Microtask:Notices:BudgetLowAnswers rewards); published once per fall.</summary>
internal sealed record BudgetLow(long ProjectId, long BudgetLeft, long Reward);
