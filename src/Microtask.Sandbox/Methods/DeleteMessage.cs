using Microtask.Sandbox.Api;

namespace Microtask.Sandbox.Methods;

internal static class DeleteMessage
{
    public static ValueTask<object> Handle(MethodContext c)
    {
        var chatId = c.Args.RequireChatId();
        var messageId = c.Args.RequireLong("message_id");
        var chat = c.State.Chats.ForBot(chatId);
        // In private chats a bot may delete the user's messages too.
        if (!chat.Remove(messageId)) throw BotApiException.BadRequest("message to delete not found");
        c.State.Raise(new SandboxEvent(SandboxEventKind.MessageDeleted, chatId, messageId, null, null));
        return ValueTask.FromResult<object>(true);
    }
}
