using System.Text.Json;
using System.Text.Json.Nodes;
using Microtask.Sandbox.State;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox;

// What a user does: each action adds to the chat and queues the update under the chat's lock, so a
// chat's message ids and update ids grow together.
public sealed partial class BotApiEmulator
{
    /// <summary>
    /// The user writes a text message, optionally as a reply to one of the chat's messages; a leading /command
    /// gets a bot_command entity. Returns the update_id.
    /// </summary>
    public long SendText(long userId, string text, long? replyToMessageId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var replyTo = ReplyTarget(userId, replyToMessageId);
        var command = text.StartsWith('/') ? text.Split((char[]?)null, 2)[0] : null;
        IReadOnlyList<WireEntity>? entities = command is null ? null : [new WireEntity("bot_command", 0, command.Length)];
        return UserMessage(userId, (user, id) => FromUser(user, id, replyTo) with { Text = text, Entities = entities }, text, null);
    }

    /// <summary>The user sends a document, optionally as a reply to one of the chat's messages. Returns the update_id.</summary>
    public long SendDocument(long userId, string fileName, byte[] content, string mimeType = "text/csv", string? caption = null, long? replyToMessageId = null) =>
        SendFile(userId, fileName, mimeType, content, FileKind.Document, MediaMeta.None, caption, replyToMessageId);

    /// <summary>The user taps a button that exists on the message; throws <see cref="InvalidOperationException"/> otherwise. Returns the update_id.</summary>
    public long PressButton(long userId, long messageId, string callbackData)
    {
        var message = this.state.Chats.Get(userId).Find(messageId)
            ?? throw new InvalidOperationException($"Chat {userId} has no message {messageId} to press a button on.");
        if (!message.View.Buttons.Any(b => b.CallbackData == callbackData))
        {
            var buttons = string.Join(", ", message.View.Buttons.Select(b => $"'{b.Text}' -> {b.CallbackData ?? b.Url}"));
            throw new InvalidOperationException($"Message {messageId} in chat {userId} has no button with callback data '{callbackData}'. Buttons: [{buttons}]");
        }
        return SendCallback(userId, messageId, callbackData);
    }

    /// <summary>A callback query with any data, as a modified client could send. Returns the update_id.</summary>
    public long SendCallback(long userId, long messageId, string rawCallbackData)
    {
        var chat = this.state.Chats.Get(userId);
        lock (chat.Gate)
        {
            var queryId = this.state.Callbacks.Open(userId);
            var query = new WireCallbackQuery(queryId, MessageFactory.ToWire(chat.User), chat.Find(messageId)?.Wire,
                $"-{userId}", rawCallbackData);
            return this.state.Updates.Enqueue(userId, id => WireJson.Serialize(new WireUpdate { UpdateId = id, CallbackQuery = query })).Id;
        }
    }

    /// <summary>Queues any JSON object as an update; its update_id is replaced by the next one. Returns that id.</summary>
    public long InjectRawUpdate(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject update) throw new ArgumentException("An update must be a JSON object.", nameof(json));
        var chatId = ChatIdOf(update);
        return this.state.Updates.Enqueue(chatId, id =>
        {
            update["update_id"] = id;
            return update.ToJsonString();
        }).Id;
    }

    private long UserMessage(long userId, Func<SandboxUser, long, WireMessage> create, string? text, string? caption)
    {
        var chat = this.state.Chats.Get(userId);
        StoredMessage stored;
        long updateId;
        lock (chat.Gate)
        {
            chat.MarkStarted();
            stored = chat.Add(id => MessageFactory.Create(create(chat.User, id), text, null, caption, fromBot: false));
            updateId = this.state.Updates.Enqueue(userId, id => WireJson.Serialize(new WireUpdate { UpdateId = id, Message = stored.Wire })).Id;
        }
        this.state.Raise(new SandboxEvent(SandboxEventKind.MessageAdded, userId, stored.Id, stored.View, null));
        return updateId;
    }

    private WireMessage? ReplyTarget(long userId, long? replyToMessageId) =>
        replyToMessageId is { } replyId
            ? this.state.Chats.Get(userId).Find(replyId)?.Wire ?? throw new ArgumentException($"Chat {userId} has no message {replyId}.", nameof(replyToMessageId))
            : null;

    private static long ChatIdOf(JsonObject update)
    {
        try
        {
            foreach (var key in new[] { "message", "edited_message", "channel_post" })
                if (update[key]?["chat"]?["id"] is JsonValue id) return id.GetValue<long>();
            if (update["callback_query"]?["from"]?["id"] is JsonValue from) return from.GetValue<long>();
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or JsonException)
        {
            // Hostile input: a non-numeric id just shares lane 0.
        }
        return 0;
    }
}
