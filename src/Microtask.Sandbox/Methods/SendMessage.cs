using Microtask.Sandbox.Api;
using Microtask.Sandbox.State;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.Methods;

internal static class SendMessage
{
    public static ValueTask<object> Handle(MethodContext c)
    {
        var chatId = c.Args.RequireChatId();
        var parsed = TextRules.MessageText(c.Args);
        var keyboard = TextRules.Keyboard(c.Args);
        var replyKeys = TextRules.ReplyKeyboard(c.Args);
        var chat = c.State.Chats.ForBot(chatId);
        var replyTo = ReplyTarget(c.Args, chat);
        var text = c.Args.RequireString("text");
        var parseMode = c.Args.String("parse_mode");
        var stored = chat.Add(id => MessageFactory.WithReplyKeys(MessageFactory.Create(new WireMessage
        {
            MessageId = id,
            From = c.State.BotUser,
            Chat = MessageFactory.ChatOf(chat.User),
            Date = c.State.Now.ToUnixTimeSeconds(),
            ReplyToMessage = replyTo,
            Text = parsed.Plain,
            Entities = parsed.Entities.Count > 0 ? parsed.Entities : null,
            ReplyMarkup = keyboard,
        }, text, parseMode, null, fromBot: true), replyKeys));
        c.State.Raise(new SandboxEvent(SandboxEventKind.MessageAdded, chatId, stored.Id, stored.View, null));
        return ValueTask.FromResult<object>(stored.Wire);
    }

    /// <summary>reply_parameters.message_id or the older reply_to_message_id, if any.</summary>
    public static WireMessage? ReplyTarget(ApiArgs args, ChatState chat)
    {
        var parameters = args.JsonValue("reply_parameters", "reply parameters");
        long? messageId = parameters is { } p && p.TryGetProperty("message_id", out var id) && id.TryGetInt64(out var value)
            ? value
            : args.Long("reply_to_message_id");
        if (messageId is not { } target) return null;
        if (chat.Find(target) is { } found) return MessageFactory.Quoted(found.Wire);
        var allowWithout = args.Bool("allow_sending_without_reply")
            || (parameters is { } q && q.TryGetProperty("allow_sending_without_reply", out var allow) && allow.ValueKind == System.Text.Json.JsonValueKind.True);
        return allowWithout ? null : throw BotApiException.BadRequest("message to be replied not found");
    }
}
