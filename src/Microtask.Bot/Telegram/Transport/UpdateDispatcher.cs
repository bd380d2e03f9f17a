using System.Diagnostics;
using global::Telegram.Bot.Types;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Storage.Coordination;

namespace Microtask.Bot.Telegram.Transport;

/// <summary>
/// Feeds updates to the router: malformed ones (<see cref="UpdateRouter.ShapeProblem"/>) and duplicates by update_id
/// are dropped, one chat's updates run in order,
/// different chats concurrently. Returns only when the update is handled, so the transport can confirm it then, with
/// the answer a button press is owed (the transport makes it; null for other updates and for redeliveries).
/// A chat's lock is queued for synchronously on entry, so callers that start updates in id order keep that order.
/// </summary>
internal sealed class UpdateDispatcher(UpdateRouter router, IUpdateLog updateLog, ChatLocks locks, BotMetrics metrics, ILogger<UpdateDispatcher> log)
{
    public async Task<CallbackAnswer?> HandleAsync(Update update, CancellationToken ct)
    {
        // Telegram sends none of these; a forged webhook body or a Bot API server of one's own might. Confirmed, so never redelivered.
        if (UpdateRouter.ShapeProblem(update) is { } problem)
        {
            log.LogWarning("Malformed update {UpdateId} confirmed and dropped: {Problem}", update.Id, problem);
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        var kind = KindOf(update);
        var outcome = BotMetrics.Outcome.Failed;
        // Every line logged while handling (router, handlers, Sender) carries these ids, readably in both console formats.
        using var scope = log.BeginScope("update {UpdateId} chat {ChatId} user {UserId}", update.Id, ChatOf(update), UserOf(update));
        try
        {
            (outcome, var answer) = await DispatchAsync(update, ct);
            return answer;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            outcome = BotMetrics.Outcome.Cancelled;
            throw;
        }
        finally
        {
            metrics.UpdateHandled(kind, outcome, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private async Task<(string Outcome, CallbackAnswer? Answer)> DispatchAsync(Update update, CancellationToken ct)
    {
        // The cross-instance gate is released before the next update of this chat goes in. With Redis, taking it read the
        // update log as well (one round trip for both); otherwise the log is asked now.
        await using var chat = await locks.AcquireAsync(ChatOf(update), update.Id, ct);
        if (chat.HandledBefore ?? await updateLog.WasHandledAsync(update.Id))
        {
            log.LogDebug("Update {UpdateId} was handled before; ignoring the redelivery", update.Id);
            return (BotMetrics.Outcome.Duplicate, null);
        }

        var answer = await router.RouteAsync(update, ct);
        // Marked after handling: a crash in between means a redelivery, which the handlers make harmless.
        await updateLog.MarkHandledAsync(update.Id);
        return (BotMetrics.Outcome.Handled, answer);
    }

    private static long ChatOf(Update update) =>
        update.Message?.Chat?.Id ?? update.CallbackQuery?.Message?.Chat?.Id ?? update.CallbackQuery?.From?.Id ?? 0;

    private static long UserOf(Update update) => update.Message?.From?.Id ?? update.CallbackQuery?.From?.Id ?? 0;

    private static string KindOf(Update update) => update switch
    {
        { Message: not null } => BotMetrics.Kind.Message,
        { CallbackQuery: not null } => BotMetrics.Kind.Callback,
        _ => BotMetrics.Kind.Other,
    };
}
