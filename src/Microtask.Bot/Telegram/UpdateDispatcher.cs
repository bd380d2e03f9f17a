using Microtask.Storage.Coordination;
using global::Telegram.Bot.Types;

namespace Microtask.Bot.Telegram;

/// <summary>
/// Feeds updates to the router: duplicates by update_id are dropped, one chat's updates run in order,
/// different chats concurrently. Returns only when the update is handled, so the transport can confirm it then.
/// A chat's lock is queued for synchronously on entry, so callers that start updates in id order keep that order.
/// </summary>
internal sealed class UpdateDispatcher(UpdateRouter router, IUpdateLog updateLog, ChatLocks locks, ILogger<UpdateDispatcher> log)
{
    public async Task HandleAsync(Update update, CancellationToken ct)
    {
        using var _ = await locks.AcquireAsync(ChatOf(update), ct);
        if (await updateLog.WasHandledAsync(update.Id))
        {
            log.LogDebug("Update {UpdateId} was handled before; ignoring the redelivery", update.Id);
            return;
        }

        await router.RouteAsync(update, ct);
        // Marked after handling: a crash in between means a redelivery, which the handlers make harmless.
        await updateLog.MarkHandledAsync(update.Id);
    }

    private static long ChatOf(Update update) =>
        update.Message?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id ?? update.CallbackQuery?.From.Id ?? 0;
}
