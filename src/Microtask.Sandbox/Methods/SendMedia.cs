using Microtask.Sandbox.Api;
using Microtask.Sandbox.State;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.Methods;

/// <summary>
/// sendDocument, sendPhoto, sendAudio, sendVoice and sendVideo: one file (an upload, a file_id or a URL) with a caption
/// and a keyboard. A length or size the bot gives is kept with the file, else read from its headers where cheap.
/// </summary>
internal static class SendMedia
{
    public static ValueTask<object> Document(MethodContext c) => SendAsync(c, "document", FileKind.Document, _ => MediaMeta.None);

    public static ValueTask<object> Photo(MethodContext c) => SendAsync(c, "photo", FileKind.Photo, _ => MediaMeta.None);

    public static ValueTask<object> Audio(MethodContext c) => SendAsync(c, "audio", FileKind.Audio, content =>
        MediaMeta.Of(FileKind.Audio, content, c.Args.Positive("duration"), title: c.Args.String("title"), performer: c.Args.String("performer")));

    public static ValueTask<object> Voice(MethodContext c) => SendAsync(c, "voice", FileKind.Voice, content =>
        MediaMeta.Of(FileKind.Voice, content, c.Args.Positive("duration")));

    public static ValueTask<object> Video(MethodContext c) => SendAsync(c, "video", FileKind.Video, content =>
        MediaMeta.Of(FileKind.Video, content, c.Args.Positive("duration"), c.Args.Positive("width"), c.Args.Positive("height")));

    /// <param name="media">The attributes of a new file from the call's own arguments and the file's bytes.</param>
    private static async ValueTask<object> SendAsync(MethodContext c, string field, FileKind kind, Func<byte[], MediaMeta> media)
    {
        var chatId = c.Args.RequireChatId();
        var (upload, named) = c.Args.File(field);
        if (upload is null && string.IsNullOrEmpty(named)) throw BotApiException.Empty(field);
        var caption = TextRules.Caption(c.Args);
        var keyboard = TextRules.Keyboard(c.Args);
        var replyKeys = TextRules.ReplyKeyboard(c.Args);
        var chat = c.State.Chats.ForBot(chatId);
        var replyTo = SendMessage.ReplyTarget(c.Args, chat);
        var given = await InputFiles.ReadAsync(c, upload, named, kind);
        var file = given!.StoreAs(c.State, kind, given.Known is null ? media(given.Content) : MediaMeta.None);
        var stored = chat.Add(id => MessageFactory.WithReplyKeys(MessageFactory.Create(FileWire.Attach(new WireMessage
        {
            MessageId = id,
            From = c.State.BotUser,
            Chat = MessageFactory.ChatOf(chat.User),
            Date = c.State.Now.ToUnixTimeSeconds(),
            ReplyToMessage = replyTo,
            Caption = caption?.Plain,
            CaptionEntities = caption is { Entities.Count: > 0 } ? caption.Entities : null,
            ReplyMarkup = keyboard,
        }, file, kind), null, c.Args.String("parse_mode"), c.Args.String("caption"), fromBot: true), replyKeys));
        c.State.Raise(new SandboxEvent(SandboxEventKind.MessageAdded, chatId, stored.Id, stored.View, null));
        return stored.Wire;
    }

    /// <summary>getFile: any file this bot was given or sent, up to the 20 MB bots may download.</summary>
    public static ValueTask<object> GetFile(MethodContext c)
    {
        var fileId = c.Args.RequireString("file_id");
        var file = c.State.Files.FindForBot(fileId) ?? throw BotApiException.BadRequest("invalid file_id");
        if (file.Content.LongLength > TextRules.MaxDownloadBytes) throw BotApiException.BadRequest("file is too big");
        return ValueTask.FromResult<object>(FileWire.ToFile(file));
    }
}
