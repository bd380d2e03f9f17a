using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>The consent button under /start's welcome.</summary>
internal sealed record GiveConsent : IButtonCommand<GiveConsent>
{
    public static string Prefix => "c";

    public static Access Access => Access.BeforeConsent;

    public string Data => Prefix;

    public static GiveConsent? Parse(CallbackArgs args) => args.Count == 0 ? new() : null;
}

/// <summary>Consent is recorded once, then the worker can take tasks.</summary>
internal sealed class GiveConsentHandler(WorkerStore workers, Sender sender) : IHandler<GiveConsent>
{
    public async Task HandleAsync(GiveConsent command, UpdateContext ctx, CancellationToken ct)
    {
        if (!ctx.Worker.Consented)
        {
            await workers.SetConsentAsync(ctx.Worker.Id, ct);
            ctx.Worker = ctx.Worker with { Consented = true };
        }

        if (ctx.MessageId is { } id)
        {
            await sender.EditAsync(ctx.ChatId, id, WorkerMessages.ConsentGiven, WorkerKeyboards.Next(), ct);
        }
    }
}
