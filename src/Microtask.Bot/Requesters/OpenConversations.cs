using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// Whether a requester's plain text answers their /newproject question: while a conversation is open it owns every
/// typed text, and a live task that takes typed answers waits until it ends. Only requesters hold conversations, so a
/// worker's typed answer costs no lookup.
/// </summary>
internal sealed class OpenConversations(Roles roles, ConversationStore conversations) : IConversations
{
    public async Task<bool> IsOpenAsync(Worker worker, CancellationToken ct) =>
        roles.IsRequester(worker) && await conversations.FindAsync(worker.Id, ct) is not null;
}
