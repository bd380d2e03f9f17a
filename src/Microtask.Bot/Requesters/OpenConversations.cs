using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// Whether a requester's plain text answers their /newproject question. Only requesters hold conversations, so a
/// worker's typed answer costs no lookup; and a requester who is answering a free-text or number task of their own
/// (trying a project out) answers the task, not the conversation, which waits for the next text after it.
/// </summary>
internal sealed class OpenConversations(Roles roles, ConversationStore conversations, AssignmentStore assignments) : IConversations
{
    public async Task<bool> IsOpenAsync(Worker worker, CancellationToken ct) =>
        roles.IsRequester(worker)
        && await conversations.FindAsync(worker.Id, ct) is not null
        && await assignments.FindLiveAsync(worker.Id, ct) is not { Project.Kind: AnswerKind.FreeText or AnswerKind.Number };
}
