using Microsoft.Extensions.Options;
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

/// <summary>
/// Consent is recorded once, then the worker can take tasks. A newcomer (consenting for the first time, where the practice
/// is on) goes straight into the practice, which ends with their first paid task.
/// </summary>
internal sealed class GiveConsentHandler(WorkerStore workers, Practice practice, Sender sender, IOptions<WorkerOptions> options) : IHandler<GiveConsent>
{
    public async Task HandleAsync(GiveConsent command, UpdateContext ctx, CancellationToken ct)
    {
        var first = !ctx.Worker.Consented;
        if (first)
        {
            await workers.SetConsentAsync(ctx.Worker.Id, ct);
            ctx.Worker = ctx.Worker with { Consented = true };
        }

        var practise = first && options.Value.Practice;
        if (ctx.MessageId is { } id)
        {
            await sender.EditAsync(
                ctx.ChatId,
                id,
                practise ? WorkerMessages.ConsentGivenPractice : WorkerMessages.ConsentGiven,
                practise ? null : WorkerKeyboards.Next(),
                ct);
        }

        if (practise)
        {
            await practice.StartAsync(ctx, 0, ct);
        }
    }
}
