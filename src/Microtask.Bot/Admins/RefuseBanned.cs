using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;

namespace Microtask.Bot.Admins;

/// <summary>Anything a worker under a platform ban asks for that is not open to them: a polite refusal naming what is.</summary>
internal sealed class RefuseBanned(WorkerSettings settings, Sender sender) : IHandler<RefusedWhileBanned>
{
    public async Task HandleAsync(RefusedWhileBanned command, UpdateContext ctx, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentCulture;
        var until = BanEnds.Until(command.Until, await settings.ZoneAsync(ctx.Worker, ct), culture);
        await sender.NotifyAsync(ctx, string.Format(culture, AdminMessages.BannedRefusal, until), ct);
    }
}
