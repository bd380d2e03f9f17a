using Microtask.Sandbox.Api;
using Microtask.Sandbox.State;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.Methods;

/// <summary>sendDocument (an upload or a known file_id) and getFile.</summary>
internal static class Documents
{
    public static ValueTask<object> Send(MethodContext c)
    {
        var chatId = c.Args.RequireChatId();
        var (upload, fileId) = c.Args.File("document");
        if (upload is null && string.IsNullOrEmpty(fileId)) throw BotApiException.Empty("document");
        if (upload is not null && upload.Content.LongLength > TextRules.MaxUploadBytes)
            throw new BotApiException(413, "Request Entity Too Large");
        var caption = TextRules.Caption(c.Args);
        var keyboard = TextRules.Keyboard(c.Args);
        var chat = c.State.Chats.ForBot(chatId);
        var replyTo = SendMessage.ReplyTarget(c.Args, chat);
        var file = upload is not null
            ? c.State.Files.Add(upload.FileName, upload.ContentType, upload.Content)
            : c.State.Files.FindById(fileId!) ?? throw BotApiException.BadRequest("wrong file identifier/HTTP URL specified");
        var stored = chat.Add(id => MessageFactory.Create(new WireMessage
        {
            MessageId = id,
            From = c.State.BotUser,
            Chat = MessageFactory.ChatOf(chat.User),
            Date = c.State.Now.ToUnixTimeSeconds(),
            ReplyToMessage = replyTo,
            Document = file.ToDocument(),
            Caption = caption?.Plain,
            CaptionEntities = caption is { Entities.Count: > 0 } ? caption.Entities : null,
            ReplyMarkup = keyboard,
        }, null, c.Args.String("parse_mode"), c.Args.String("caption"), fromBot: true));
        c.State.Raise(new SandboxEvent(SandboxEventKind.MessageAdded, chatId, stored.Id, stored.View, null));
        return ValueTask.FromResult<object>(stored.Wire);
    }

    public static ValueTask<object> GetFile(MethodContext c)
    {
        var fileId = c.Args.RequireString("file_id");
        var file = c.State.Files.FindById(fileId) ?? throw BotApiException.BadRequest("invalid file_id");
        if (file.Content.LongLength > TextRules.MaxDownloadBytes) throw BotApiException.BadRequest("file is too big");
        return ValueTask.FromResult<object>(file.ToFile());
    }
}
