using System.Security.Cryptography;
using System.Text.Json;
using Microtask.Sandbox.Api;
using Microtask.Sandbox.State;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.Methods;

/// <summary>
/// sendMediaGroup: photos and videos together, audios only with audios, documents only with documents; each item may
/// carry its caption. Checked in the order Telegram checks and refused whole, nothing stored; the messages get
/// consecutive ids and one media_group_id. As on Telegram (whose documentation says 2–10), a single item is accepted
/// and sent as an ordinary message without a media_group_id.
/// </summary>
internal static class MediaGroup
{
    private const int MaxItems = 10;

    public static async ValueTask<object> Send(MethodContext c)
    {
        var chatId = c.Args.RequireChatId();
        if (!c.Args.Has("media")) throw BotApiException.Empty("media");
        if (c.Args.JsonValue("media", "media") is not { ValueKind: JsonValueKind.Array } list) throw BotApiException.BadRequest("expected an Array of InputMedia");
        var items = list.EnumerateArray().Select(item => MediaItem.Parse(c.Args, item, inAlbum: true)).ToArray();
        var chat = c.State.Chats.ForBot(chatId);
        if (items.Length == 0) throw BotApiException.BadRequest("there are no messages to send");
        if (items.Any(item => item.Caption?.Plain.Length > TextRules.MaxCaptionLength)) throw BotApiException.BadRequest("message caption is too long");
        if (items.Length > MaxItems) throw BotApiException.BadRequest("too many messages to send as an album");
        var kinds = items.Select(item => item.Kind).Distinct().ToArray();
        var apart = kinds.Length > 1 ? kinds.Where(k => k is FileKind.Audio or FileKind.Document).Select(k => (FileKind?)k).FirstOrDefault() : null;
        if (apart is { } alone)
            throw BotApiException.BadRequest($"{alone.ToString().ToLowerInvariant()} can't be mixed with other media types");
        var replyTo = SendMessage.ReplyTarget(c.Args, chat);
        var files = new GivenFile[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            try
            {
                files[i] = (await items[i].ReadAsync(c))!;
            }
            catch (BotApiException refusal) when (InputFiles.ComesFromSending(refusal))
            {
                throw BotApiException.BadRequest($"failed to send message #{i + 1} with the error message \"{MediaItem.Capitalized(refusal)}\"");
            }
        }
        var groupId = items.Length > 1 ? NewGroupId() : null;
        var sent = new List<StoredMessage>(items.Length);
        lock (chat.Gate)
        {
            for (var i = 0; i < items.Length; i++)
            {
                var (item, file) = (items[i], files[i].StoreAs(c.State, items[i].Kind, items[i].MediaOf(files[i].Content)));
                sent.Add(chat.Add(id => MessageFactory.Create(FileWire.Attach(new WireMessage
                {
                    MessageId = id,
                    From = c.State.BotUser,
                    Chat = MessageFactory.ChatOf(chat.User),
                    Date = c.State.Now.ToUnixTimeSeconds(),
                    ReplyToMessage = replyTo,
                    MediaGroupId = groupId,
                    Caption = item.Caption?.Plain,
                    CaptionEntities = item.Caption is { Entities.Count: > 0 } caption ? caption.Entities : null,
                }, file, item.Kind), null, item.ParseMode, item.RawCaption, fromBot: true)));
            }
        }
        foreach (var message in sent) c.State.Raise(new SandboxEvent(SandboxEventKind.MessageAdded, chatId, message.Id, message.View, null));
        return sent.Select(m => m.Wire).ToArray();
    }

    /// <summary>A large decimal like Telegram's; random, so that albums stay apart across restarts of the emulator.</summary>
    private static string NewGroupId() =>
        (10_000_000_000_000_000 + (long)(BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) % 90_000_000_000_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
