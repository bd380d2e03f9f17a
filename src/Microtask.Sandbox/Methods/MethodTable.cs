using System.Diagnostics.CodeAnalysis;
using Microtask.Sandbox.Api;

namespace Microtask.Sandbox.Methods;

/// <summary>The Bot API methods the emulator answers; names are matched case-insensitively like Telegram does.</summary>
internal static class MethodTable
{
    private static readonly Dictionary<string, MethodHandler> Handlers = new()
    {
        ["getMe"] = Basics.GetMe,
        ["sendChatAction"] = Basics.SendChatAction,
        ["getUpdates"] = Updates.GetUpdates,
        ["setWebhook"] = Webhooks.Set,
        ["deleteWebhook"] = Webhooks.Delete,
        ["getWebhookInfo"] = Webhooks.Info,
        ["sendMessage"] = SendMessage.Handle,
        ["editMessageText"] = EditMessage.Text,
        ["editMessageReplyMarkup"] = EditMessage.ReplyMarkup,
        ["deleteMessage"] = DeleteMessage.Handle,
        ["answerCallbackQuery"] = AnswerCallbackQuery.Handle,
        ["sendDocument"] = SendMedia.Document,
        ["sendPhoto"] = SendMedia.Photo,
        ["sendAudio"] = SendMedia.Audio,
        ["sendVoice"] = SendMedia.Voice,
        ["sendVideo"] = SendMedia.Video,
        ["sendMediaGroup"] = MediaGroup.Send,
        ["editMessageCaption"] = EditMessage.Caption,
        ["editMessageMedia"] = EditMessageMedia.Handle,
        ["getFile"] = SendMedia.GetFile,
        ["setMyCommands"] = Commands.Set,
        ["getMyCommands"] = Commands.Get,
        ["deleteMyCommands"] = Commands.Delete,
    };

    private static readonly Dictionary<string, string> Canonical =
        Handlers.Keys.ToDictionary(k => k, k => k, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<string> Names => Handlers.Keys;

    public static bool TryGet(string name, [NotNullWhen(true)] out string? canonical, [NotNullWhen(true)] out MethodHandler? handler)
    {
        handler = null;
        return Canonical.TryGetValue(name, out canonical) && Handlers.TryGetValue(canonical, out handler);
    }
}
