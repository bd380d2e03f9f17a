using System.Globalization;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;

namespace Microtask.Bot.Workers;

/// <summary>/start, with or without a deep-link payload (ignored): the only command that makes a stranger a user.</summary>
internal sealed record StartWorker : ITypedCommand<StartWorker>
{
    public static string Trigger => "/start";

    public static Access Access => Access.Stranger;

    public static StartWorker Parse(string? argument) => new();
}

/// <summary>Greets, explains and asks for consent once; a returning worker just gets the Next button.</summary>
internal sealed class StartWorkerHandler(Sender sender) : IHandler<StartWorker>
{
    public async Task HandleAsync(StartWorker command, UpdateContext ctx, CancellationToken ct)
    {
        if (ctx.Worker.Consented)
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.ReadyAgain, WorkerKeyboards.Next(), ct);
            return;
        }

        var text = string.Format(CultureInfo.CurrentCulture, WorkerMessages.Welcome, TaskTemplate.Escape(ctx.Worker.Name)) + "\n\n" + WorkerMessages.ConsentPrompt;
        await sender.SendAsync(ctx.ChatId, text, Keyboards.Single(WorkerMessages.ConsentButton, new GiveConsent()), ct);
    }
}
