using Microtask.Core;

namespace Microtask.Bot.Telegram.Routing;

/// <summary>Who sent the update being handled, and where to answer. Filled by the router, read by handlers.</summary>
internal sealed class UpdateContext(long updateId, long chatId, Worker worker, string? callbackQueryId, int? messageId)
{
    public long UpdateId { get; } = updateId;

    public long ChatId { get; } = chatId;

    public Worker Worker { get; set; } = worker;

    /// <summary>Set for a button press: the query to answer.</summary>
    public string? CallbackQueryId { get; } = callbackQueryId;

    /// <summary>For a button press, the message that carries the button.</summary>
    public int? MessageId { get; } = messageId;

    /// <summary>A short toast for the button press; the router answers every press, with this or nothing.</summary>
    public string? Toast { get; set; }
}
