using Microtask.Sandbox.Api;
using Microtask.Sandbox.State;

namespace Microtask.Sandbox.Methods;

/// <summary>
/// editMessageMedia: a message's file (and caption) replaced by another photo, video, audio or document, as Telegram
/// allows on a text, photo, video, audio or document message; inside an album, an audio or a document stays one.
/// </summary>
internal static class EditMessageMedia
{
    public static async ValueTask<object> Handle(MethodContext c)
    {
        var (chat, messageId) = EditMessage.Target(c);
        var keyboard = TextRules.Keyboard(c.Args);
        if (!c.Args.Has("media")) throw BotApiException.Empty("media");
        if (c.Args.JsonValue("media", "input media") is not { } json) throw BotApiException.Empty("media");
        var item = MediaItem.Parse(c.Args, json, inAlbum: false);
        if (item.Caption?.Plain.Length > TextRules.MaxCaptionLength) throw BotApiException.BadRequest("message caption is too long");
        var given = (await item.ReadAsync(c))!;
        return await EditMessage.Edit(c, chat, messageId, current =>
        {
            var was = FileWire.KindOf(current.Wire);
            if (current.Wire.Text is null && was is not (FileKind.Photo or FileKind.Video or FileKind.Audio or FileKind.Document))
                throw BotApiException.BadRequest("message media can't be edited");
            if (current.Wire.MediaGroupId is not null && was != item.Kind
                && (was is FileKind.Audio or FileKind.Document || item.Kind is FileKind.Audio or FileKind.Document))
                throw BotApiException.BadRequest("can't change media type in the album");
            var entities = item.Caption is { Entities.Count: > 0 } caption ? caption.Entities : null;
            if (given.Known is { } same && same.FileId == FileWire.FileIdOf(current.Wire) && was == item.Kind
                && TextRules.SameContent(current.Wire.Caption, current.Wire.CaptionEntities, current.Wire.ReplyMarkup, item.Caption?.Plain, entities, keyboard))
                throw BotApiException.BadRequest(EditMessage.NotModified);
            var file = given.StoreAs(c.State, item.Kind, item.MediaOf(given.Content));
            var wire = FileWire.Detach(current.Wire) with
            {
                Text = null,
                Entities = null,
                Caption = item.Caption?.Plain,
                CaptionEntities = entities,
                ReplyMarkup = keyboard,
                EditDate = c.State.Now.ToUnixTimeSeconds(),
            };
            return MessageFactory.Create(FileWire.Attach(wire, file, item.Kind), null, item.ParseMode, item.RawCaption, fromBot: true);
        });
    }
}
