using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>/token revoke USER NAME: an admin revokes a requester's API token (a requester's own /token takes the other forms).</summary>
internal sealed record RevokeToken(string User, string Name) : ITypedCommand<RevokeToken>
{
    public static string Trigger => "/token";

    public static Access Access => Access.Admin;

    public static RevokeToken? Parse(string? argument) =>
        (argument ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is ["revoke", var user, var name] ? new(user, name) : null;
}

internal sealed class RevokeTokenHandler(Targets targets, TokenStore tokens, AuditStore audit, Sender sender) : IHandler<RevokeToken>
{
    public async Task HandleAsync(RevokeToken command, UpdateContext ctx, CancellationToken ct)
    {
        if (await targets.FindAsync(command.User, AdminMessages.TokenRevokeUsage, ctx, ct) is not var (target, _))
        {
            return;
        }

        var culture = CultureInfo.CurrentCulture;
        var name = TaskTemplate.Escape(TelegramLimits.FitPlain(command.Name, 64));
        if (!await tokens.RevokeAsync(target.Id, command.Name, ct))
        {
            await sender.SendAsync(ctx.ChatId, string.Format(culture, AdminMessages.TokenRevokeUnknown, name, Targets.Who(target)), ct: ct);
            return;
        }

        await audit.WriteAsync(ctx.Worker.Id, "token.revoke", target.Id, command.Name, ct);
        await sender.SendAsync(ctx.ChatId, string.Format(culture, AdminMessages.TokenRevokedByAdmin, name, Targets.Who(target)), ct: ct);
    }
}
