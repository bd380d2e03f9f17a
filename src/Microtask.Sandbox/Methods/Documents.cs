using Microtask.Sandbox.Api;
using Microtask.Sandbox.State;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.Methods;

/// <summary>sendDocument and sendPhoto (an upload or a known file_id), and getFile.</summary>
internal static class Documents
{
    public static ValueTask<object> Send(MethodContext c) =>
        SendFile(c, "document", "documents", (_, _) => { }, (wire, file) => wire with { Document = file.ToDocument() });

    /// <summary>
    /// Telegram turns a photo into JPEGs of several sizes; the sandbox keeps the image it was given, with its size, and
    /// refuses what Telegram would: a file that is no image, too big, or of a shape no chat could show.
    /// </summary>
    public static ValueTask<object> SendPhoto(MethodContext c) =>
        SendFile(c, "photo", "photos", CheckPhoto, (wire, file) => wire with { Photo = file.ToPhoto() });

    public static ValueTask<object> GetFile(MethodContext c)
    {
        var fileId = c.Args.RequireString("file_id");
        var file = c.State.Files.FindById(fileId) ?? throw BotApiException.BadRequest("invalid file_id");
        if (file.Content.LongLength > TextRules.MaxDownloadBytes) throw BotApiException.BadRequest("file is too big");
        return ValueTask.FromResult<object>(file.ToFile());
    }

    private static void CheckPhoto(long size, ImageFormat? image)
    {
        if (size > TextRules.MaxPhotoBytes) throw BotApiException.BadRequest("PHOTO_SAVE_FILE_INVALID");
        if (image is not { Width: var width, Height: var height }) throw BotApiException.BadRequest("IMAGE_PROCESS_FAILED");
        if (width + height > TextRules.MaxPhotoWidthPlusHeight || Math.Max(width, height) > TextRules.MaxPhotoAspectRatio * Math.Min(width, height))
            throw BotApiException.BadRequest("PHOTO_INVALID_DIMENSIONS");
    }

    /// <param name="check">Refuses an upload or a known file by its size and what its bytes are, before anything is stored.</param>
    /// <param name="attach">Puts the file into the message.</param>
    private static ValueTask<object> SendFile(MethodContext c, string field, string folder, Action<long, ImageFormat?> check,
        Func<WireMessage, StoredFile, WireMessage> attach)
    {
        var chatId = c.Args.RequireChatId();
        var (upload, fileId) = c.Args.File(field);
        if (upload is null && string.IsNullOrEmpty(fileId)) throw BotApiException.Empty(field);
        if (upload is not null && upload.Content.LongLength > TextRules.MaxUploadBytes)
            throw new BotApiException(413, "Request Entity Too Large");
        var caption = TextRules.Caption(c.Args);
        var keyboard = TextRules.Keyboard(c.Args);
        var chat = c.State.Chats.ForBot(chatId);
        var replyTo = SendMessage.ReplyTarget(c.Args, chat);
        var known = upload is null
            ? c.State.Files.FindById(fileId!) ?? throw BotApiException.BadRequest("wrong file identifier/HTTP URL specified")
            : null;
        if (known is not null) check(known.Content.LongLength, known.Image);
        else check(upload!.Content.LongLength, ImageFormat.Of(upload.Content));
        var file = known ?? c.State.Files.Add(upload!.FileName, upload.ContentType, upload.Content, folder);
        var stored = chat.Add(id => MessageFactory.Create(attach(new WireMessage
        {
            MessageId = id,
            From = c.State.BotUser,
            Chat = MessageFactory.ChatOf(chat.User),
            Date = c.State.Now.ToUnixTimeSeconds(),
            ReplyToMessage = replyTo,
            Caption = caption?.Plain,
            CaptionEntities = caption is { Entities.Count: > 0 } ? caption.Entities : null,
            ReplyMarkup = keyboard,
        }, file), null, c.Args.String("parse_mode"), c.Args.String("caption"), fromBot: true));
        c.State.Raise(new SandboxEvent(SandboxEventKind.MessageAdded, chatId, stored.Id, stored.View, null));
        return ValueTask.FromResult<object>(stored.Wire);
    }
}
