using Microtask.Sandbox.Api;
using Microtask.Sandbox.State;

namespace Microtask.Sandbox.Methods;

/// <summary>
/// editMessageText, editMessageCaption and editMessageReplyMarkup (editMessageMedia in its own file). Like Telegram, an
/// edit without reply_markup removes the keyboard.
/// </summary>
internal static class EditMessage
{
    public const string NotModified =
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

    public static ValueTask<object> Text(MethodContext c)
    {
        var (chat, messageId) = Target(c);
        var parsed = TextRules.MessageText(c.Args);
        var keyboard = TextRules.Keyboard(c.Args);
        var text = c.Args.RequireString("text");
        var parseMode = c.Args.String("parse_mode");
        var entities = parsed.Entities.Count > 0 ? parsed.Entities : null;
        return Edit(c, chat, messageId, current =>
        {
            if (current.Wire.Text is null) throw BotApiException.BadRequest("there is no text in the message to edit");
            if (TextRules.SameContent(current.Wire.Text, current.Wire.Entities, current.Wire.ReplyMarkup, parsed.Plain, entities, keyboard))
                throw BotApiException.BadRequest(NotModified);
            var wire = current.Wire with { Text = parsed.Plain, Entities = entities, ReplyMarkup = keyboard, EditDate = c.State.Now.ToUnixTimeSeconds() };
            return MessageFactory.Create(wire, text, parseMode, null, fromBot: true);
        });
    }

    /// <summary>A caption of a photo, video, audio, voice note or document; an absent one removes it.</summary>
    public static ValueTask<object> Caption(MethodContext c)
    {
        var (chat, messageId) = Target(c);
        var keyboard = TextRules.Keyboard(c.Args);
        var raw = c.Args.String("caption");
        var parseMode = c.Args.String("parse_mode");
        var parsed = string.IsNullOrEmpty(raw) ? null : TextRules.Parse(raw, parseMode);
        var caption = parsed?.Plain is { Length: > 0 } plain ? plain : null;
        var entities = parsed is { Entities.Count: > 0 } ? parsed.Entities : null;
        return Edit(c, chat, messageId, current =>
        {
            if (FileWire.KindOf(current.Wire) is null or FileKind.Sticker)
                throw BotApiException.BadRequest("there is no caption in the message to edit");
            if (caption?.Length > TextRules.MaxCaptionLength) throw BotApiException.BadRequest("MEDIA_CAPTION_TOO_LONG");
            if (TextRules.SameContent(current.Wire.Caption, current.Wire.CaptionEntities, current.Wire.ReplyMarkup, caption, entities, keyboard))
                throw BotApiException.BadRequest(NotModified);
            var wire = current.Wire with { Caption = caption, CaptionEntities = entities, ReplyMarkup = keyboard, EditDate = c.State.Now.ToUnixTimeSeconds() };
            return MessageFactory.Create(wire, null, parseMode, caption is null ? null : raw, fromBot: true);
        });
    }

    public static ValueTask<object> ReplyMarkup(MethodContext c)
    {
        var (chat, messageId) = Target(c);
        var keyboard = TextRules.Keyboard(c.Args);
        return Edit(c, chat, messageId, current =>
        {
            if (TextRules.SameContent(null, null, current.Wire.ReplyMarkup, null, null, keyboard))
                throw BotApiException.BadRequest(NotModified);
            var wire = current.Wire with { ReplyMarkup = keyboard, EditDate = c.State.Now.ToUnixTimeSeconds() };
            return MessageFactory.Create(wire, current.View.Text, current.View.ParseMode, current.View.Caption, fromBot: true);
        });
    }

    public static (ChatState Chat, long MessageId) Target(MethodContext c)
    {
        // Inline-mode messages do not exist in the sandbox.
        if (c.Args.Has("inline_message_id")) throw BotApiException.BadRequest("message to edit not found");
        var chatId = c.Args.RequireChatId();
        var messageId = c.Args.RequireLong("message_id");
        return (c.State.Chats.ForBot(chatId), messageId);
    }

    public static ValueTask<object> Edit(MethodContext c, ChatState chat, long messageId, Func<StoredMessage, StoredMessage> edit)
    {
        var updated = chat.Replace(messageId, current =>
            current.View.FromBot ? edit(current) : throw BotApiException.BadRequest("message can't be edited"));
        c.State.Raise(new SandboxEvent(SandboxEventKind.MessageEdited, chat.User.Id, messageId, updated.View, null));
        return ValueTask.FromResult<object>(updated.Wire);
    }
}
