using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>/appeal &lt;text&gt;; the argument as typed.</summary>
internal sealed record AppealBan(string? Argument) : ITypedCommand<AppealBan>
{
    public static string Trigger => "/appeal";

    // A requester whose project an admin paused may appeal before (or without) agreeing to work.
    public static Access Access => Access.BeforeConsent;

    public static bool WhileBanned => true;

    public static AppealBan Parse(string? argument) => new(argument);
}

/// <summary>
/// /appeal &lt;text&gt;: a user's word against an admin's measure in force on them (a ban, a suspension, a project an
/// admin paused), into the admins' review queue (one open at a time); the admins are told. Anyone else has nothing to appeal.
/// </summary>
internal sealed class AppealBanHandler(ReportStore reports, BanStore bans, Sender sender, AdminAlerts alerts) : IHandler<AppealBan>
{
    private const int MaxLength = 2000;

    public async Task HandleAsync(AppealBan command, UpdateContext ctx, CancellationToken ct)
    {
        if ((await bans.InForceAsync(ctx.Worker.Id, ct)).Count == 0 && (await reports.HeldAsync(ctx.Worker.Id, ct)).Count == 0)
        {
            await sender.SendAsync(ctx.ChatId, AdminMessages.AppealNothing, ct: ct);
            return;
        }

        if (string.IsNullOrWhiteSpace(command.Argument))
        {
            await sender.SendAsync(ctx.ChatId, AdminMessages.AppealUsage, ct: ct);
            return;
        }

        var id = await reports.AppealAsync(ctx.Worker.Id, TelegramLimits.FitPlain(command.Argument, MaxLength), ct);
        await sender.SendAsync(ctx.ChatId, id is null ? AdminMessages.AppealWaiting : AdminMessages.AppealSent, ct: ct);
        if (id is not null)
        {
            alerts.Appeal(ctx.Worker);
        }
    }
}
