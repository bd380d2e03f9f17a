using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>Only requesters hold conversations, so a worker's typed answer costs no lookup.</summary>
internal sealed class OpenConversations(Roles roles, ConversationStore conversations) : IConversations
{
    public async Task<bool> IsOpenAsync(Worker worker, CancellationToken ct) =>
        roles.IsRequester(worker) && await conversations.FindAsync(worker.Id, ct) is not null;
}
