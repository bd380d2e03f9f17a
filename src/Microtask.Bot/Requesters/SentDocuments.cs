using Microtask.Bot.Telegram.Routing;

namespace Microtask.Bot.Requesters;

/// <summary>
/// A requester's file: a file of bonuses when it says so (a "/bonus N" caption, or a reply to the bot's message about
/// bonuses), else a batch of tasks.
/// </summary>
internal sealed class SentDocumentHandler(UploadBatchHandler batches, UploadBonusesHandler bonuses) : IHandler<SentDocument>
{
    public Task HandleAsync(SentDocument command, UpdateContext ctx, CancellationToken ct) =>
        BonusSheet.Claims(command) ? bonuses.HandleAsync(command, ctx, ct) : batches.HandleAsync(command, ctx, ct);
}
