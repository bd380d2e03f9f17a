using global::Telegram.Bot.Types.ReplyMarkups;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;

namespace Microtask.Bot.Workers;

/// <summary>/language: English or Indonesian, with a button each.</summary>
internal sealed record ChooseLanguage : ITypedCommand<ChooseLanguage>
{
    public static string Trigger => "/language";

    public static Access Access => Access.BeforeConsent;

    public static bool WhileBanned => true;

    public static ChooseLanguage? Parse(string? argument) => argument is null ? new() : null;
}

internal sealed class ChooseLanguageHandler(Sender sender) : IHandler<ChooseLanguage>
{
    public Task HandleAsync(ChooseLanguage command, UpdateContext ctx, CancellationToken ct) =>
        sender.SendAsync(
            ctx.ChatId,
            WorkerMessages.ChooseLanguage,
            new InlineKeyboardMarkup(new[]
            {
                Keyboards.Button("🇬🇧 English", new SetLanguage("en")),
                Keyboards.Button("🇮🇩 Bahasa Indonesia", new SetLanguage("id")),
            }),
            ct);
}
