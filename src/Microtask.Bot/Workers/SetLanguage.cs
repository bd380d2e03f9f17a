using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>A language button of /language.</summary>
internal sealed record SetLanguage(string Code) : IButtonCommand<SetLanguage>
{
    public static string Prefix => "l";

    public static Access Access => Access.BeforeConsent;

    public static bool WhileBanned => true;

    public string Data => $"{Prefix}:{Code}";

    public static SetLanguage? Parse(CallbackArgs args) => args.Count == 1 && args.Text(0) is "en" or "id" ? new(args.Text(0)) : null;
}

internal sealed class SetLanguageHandler(WorkerStore workers, Sender sender) : IHandler<SetLanguage>
{
    public async Task HandleAsync(SetLanguage command, UpdateContext ctx, CancellationToken ct)
    {
        await workers.SetLanguageAsync(ctx.Worker.Id, command.Code, ct);
        ctx.Worker = ctx.Worker with { Language = command.Code };
        Languages.Use(command.Code);
        if (ctx.MessageId is { } id)
        {
            await sender.EditAsync(ctx.ChatId, id, WorkerMessages.LanguageSet, ct: ct);
        }
    }
}
