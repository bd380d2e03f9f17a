using Microtask.Sandbox.Api;

namespace Microtask.Sandbox.Methods;

internal static class AnswerCallbackQuery
{
    public static ValueTask<object> Handle(MethodContext c)
    {
        var queryId = c.Args.RequireString("callback_query_id");
        var text = c.Args.String("text");
        if (text?.Length > TextRules.MaxCallbackAnswerLength) throw BotApiException.BadRequest("MESSAGE_TOO_LONG");
        // A query can be answered once; afterwards Telegram treats its id as unknown.
        var userId = c.State.Callbacks.Close(queryId)
            ?? throw BotApiException.BadRequest("query is too old and response timeout expired or query ID is invalid");
        var answer = new CallbackAnswer(queryId, userId, string.IsNullOrEmpty(text) ? null : text, c.Args.Bool("show_alert"));
        c.State.Callbacks.Record(answer);
        c.State.Raise(new SandboxEvent(SandboxEventKind.CallbackAnswered, userId, null, null, answer));
        return ValueTask.FromResult<object>(true);
    }
}
