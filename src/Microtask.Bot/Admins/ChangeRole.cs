using System.Globalization;
using Microtask.Bot.Requesters;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>/promote and /demote (owners make admins), /grant and /revoke (admins give the requester role); each one audited.</summary>
internal sealed class ChangeRole(Targets targets, WorkerStore workers, AuditStore audit, Roles roles, Sender sender) :
    IHandler<PromoteCommand>, IHandler<DemoteCommand>, IHandler<GrantCommand>, IHandler<RevokeCommand>
{
    public Task HandleAsync(PromoteCommand command, UpdateContext ctx, CancellationToken ct) =>
        ChangeAsync(command.Argument, "promote", Roles.Admin, true, AdminMessages.Promoted, ctx, ct);

    public Task HandleAsync(DemoteCommand command, UpdateContext ctx, CancellationToken ct) =>
        ChangeAsync(command.Argument, "demote", Roles.Admin, false, AdminMessages.Demoted, ctx, ct);

    public Task HandleAsync(GrantCommand command, UpdateContext ctx, CancellationToken ct) =>
        ChangeAsync(command.Argument, "grant", Roles.Requester, true, AdminMessages.Granted, ctx, ct);

    public Task HandleAsync(RevokeCommand command, UpdateContext ctx, CancellationToken ct) =>
        ChangeAsync(command.Argument, "revoke", Roles.Requester, false, AdminMessages.Revoked, ctx, ct);

    private async Task ChangeAsync(string? argument, string action, string role, bool granted, string done, UpdateContext ctx, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        if (await targets.FindAsync(argument, string.Format(culture, AdminMessages.RoleUsage, action), ctx, ct) is not var (target, _))
        {
            return;
        }

        // Owners live in the configuration: the chat can neither make nor unmake one, so the last owner stays.
        if (role == Roles.Admin && !granted && roles.IsOwner(target))
        {
            await sender.SendAsync(ctx.ChatId, string.Format(culture, AdminMessages.OwnerStays, Targets.Who(target)), ct: ct);
            return;
        }

        if (!await workers.SetRoleAsync(target.Id, role, granted, ct))
        {
            await sender.SendAsync(ctx.ChatId, string.Format(culture, AdminMessages.RoleUnchanged, Targets.Who(target)), ct: ct);
            return;
        }

        await audit.WriteAsync(ctx.Worker.Id, action, target.Id, role, ct);
        await sender.SendAsync(ctx.ChatId, string.Format(culture, done, Targets.Who(target)), ct: ct);
    }
}
