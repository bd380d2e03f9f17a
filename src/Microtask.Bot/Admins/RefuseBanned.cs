using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;

namespace Microtask.Bot.Admins;

/// <summary>Anything a worker under a platform ban asks for, other than /appeal, /help and /me: a polite refusal.</summary>
internal sealed class RefuseBanned(Sender sender) : IHandler<RefusedWhileBanned>
{
    public async Task HandleAsync(RefusedWhileBanned command, UpdateContext ctx, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var text = string.Format(culture, AdminMessages.BannedRefusal, BanTerms.Until(command.Until, culture));
        if (ctx.CallbackQueryId is not null)
        {
            ctx.Toast = text;
            return;
        }

        await sender.SendAsync(ctx.ChatId, text, ct: ct);
    }
}
