using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;


namespace Microtask.Bot.Views;

/// <summary>Short replies that depend on how the user asked: a toast for a button press, a message otherwise.</summary>
internal static class Replies
{
    public static async Task NotifyAsync(this Sender sender, UpdateContext ctx, string text, CancellationToken ct)
    {
        if (ctx.CallbackQueryId is not null)
        {
            ctx.Toast = text;
            return;
        }

        await sender.SendAsync(ctx.ChatId, text, ct: ct);
    }

    /// <summary>Edits a message of this chat when there is one to edit.</summary>
    public static async Task EditIfShownAsync(this Sender sender, UpdateContext ctx, int? messageId, string html, CancellationToken ct)
    {
        if (messageId is { } id)
        {
            await sender.EditAsync(ctx.ChatId, id, html, ct: ct);
        }
    }
}
