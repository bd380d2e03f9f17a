using Microtask.Sandbox.Api;

namespace Microtask.Sandbox.Methods;

/// <summary>getMe and sendChatAction: no state beyond the bot itself.</summary>
internal static class Basics
{
    public static ValueTask<object> GetMe(MethodContext c) =>
        ValueTask.FromResult<object>(c.State.BotUser with
        {
            CanJoinGroups = true,
            CanReadAllGroupMessages = false,
            SupportsInlineQueries = false,
        });

    public static ValueTask<object> SendChatAction(MethodContext c)
    {
        var chatId = c.Args.RequireChatId();
        c.Args.RequireString("action");
        c.State.Chats.ForBot(chatId);
        return ValueTask.FromResult<object>(true);
    }
}
