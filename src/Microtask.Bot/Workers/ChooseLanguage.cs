using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace Microtask.Bot.Workers;

/// <summary>/language: English or Indonesian, with a button each.</summary>
internal sealed class ChooseLanguage(Sender sender) : IHandler<LanguageCommand>
{
    public Task HandleAsync(LanguageCommand command, UpdateContext ctx, CancellationToken ct) =>
        sender.SendAsync(
            ctx.ChatId,
            WorkerMessages.ChooseLanguage,
            new InlineKeyboardMarkup(new[]
            {
                TaskMessage.Button("🇬🇧 English", new CallbackData.Language("en")),
                TaskMessage.Button("🇮🇩 Bahasa Indonesia", new CallbackData.Language("id")),
            }),
            ct);
}

internal sealed class SetLanguage(WorkerStore workers, Sender sender) : IHandler<LanguagePressed>
{
    public async Task HandleAsync(LanguagePressed command, UpdateContext ctx, CancellationToken ct)
    {
        await workers.SetLanguageAsync(ctx.Worker.Id, command.Code, ct);
        ctx.Worker = ctx.Worker with { Language = command.Code };
        System.Globalization.CultureInfo.CurrentUICulture = Languages.Culture(command.Code);
        if (ctx.MessageId is { } id)
        {
            await sender.EditAsync(ctx.ChatId, id, WorkerMessages.LanguageSet, ct: ct);
        }
    }
}
