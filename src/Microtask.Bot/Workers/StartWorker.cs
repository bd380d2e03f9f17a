using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace Microtask.Bot.Workers;

/// <summary>/start: greet, explain, ask for consent once; a returning worker just gets the Next button.</summary>
internal sealed class StartWorker(Sender sender) : IHandler<StartCommand>
{
    public async Task HandleAsync(StartCommand command, UpdateContext ctx, CancellationToken ct)
    {
        if (ctx.Worker.Consented)
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.ReadyAgain, TaskMessage.Next(), ct);
            return;
        }

        var text = string.Format(WorkerMessages.Welcome, TaskTemplate.Escape(ctx.Worker.Name)) + "\n\n" + WorkerMessages.ConsentPrompt;
        await sender.SendAsync(ctx.ChatId, text, new InlineKeyboardMarkup(TaskMessage.Button(WorkerMessages.ConsentButton, new CallbackData.Consent())), ct);
    }
}

/// <summary>The consent button: recorded once, then the worker can take tasks.</summary>
internal sealed class GiveConsent(WorkerStore workers, Sender sender) : IHandler<ConsentPressed>
{
    public async Task HandleAsync(ConsentPressed command, UpdateContext ctx, CancellationToken ct)
    {
        if (!ctx.Worker.Consented)
        {
            await workers.SetConsentAsync(ctx.Worker.Id, ct);
            ctx.Worker = ctx.Worker with { Consented = true };
        }

        if (ctx.MessageId is { } id)
        {
            await sender.EditAsync(ctx.ChatId, id, WorkerMessages.ConsentGiven, TaskMessage.Next(), ct);
        }
    }
}
