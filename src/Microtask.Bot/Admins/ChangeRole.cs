using System.Globalization;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>/promote &lt;user&gt;: an owner makes a user an admin.</summary>
internal sealed record PromoteUser(string? Argument) : ITypedCommand<PromoteUser>
{
    public static string Trigger => "/promote";

    public static Access Access => Access.Owner;

    public static PromoteUser Parse(string? argument) => new(argument);
}

/// <summary>/demote &lt;user&gt;: an owner takes the admin role back.</summary>
internal sealed record DemoteUser(string? Argument) : ITypedCommand<DemoteUser>
{
    public static string Trigger => "/demote";

    public static Access Access => Access.Owner;

    public static DemoteUser Parse(string? argument) => new(argument);
}

/// <summary>/grant &lt;user&gt;: an admin gives the requester role.</summary>
internal sealed record GrantUser(string? Argument) : ITypedCommand<GrantUser>
{
    public static string Trigger => "/grant";

    public static Access Access => Access.Admin;

    public static GrantUser Parse(string? argument) => new(argument);
}

/// <summary>/revoke &lt;user&gt;: an admin takes the requester role back.</summary>
internal sealed record RevokeUser(string? Argument) : ITypedCommand<RevokeUser>
{
    public static string Trigger => "/revoke";

    public static Access Access => Access.Admin;

    public static RevokeUser Parse(string? argument) => new(argument);
}

/// <summary>/promote and /demote (owners make admins), /grant and /revoke (admins give the requester role); each one audited.</summary>
internal sealed class ChangeRoleHandler(Targets targets, WorkerStore workers, AuditStore audit, Roles roles, Sender sender, Events events) :
    IHandler<PromoteUser>, IHandler<DemoteUser>, IHandler<GrantUser>, IHandler<RevokeUser>
{
    public Task HandleAsync(PromoteUser command, UpdateContext ctx, CancellationToken ct) =>
        ChangeAsync(command.Argument, "promote", Roles.Admin, true, AdminMessages.Promoted, ctx, ct);

    public Task HandleAsync(DemoteUser command, UpdateContext ctx, CancellationToken ct) =>
        ChangeAsync(command.Argument, "demote", Roles.Admin, false, AdminMessages.Demoted, ctx, ct);

    public Task HandleAsync(GrantUser command, UpdateContext ctx, CancellationToken ct) =>
        ChangeAsync(command.Argument, "grant", Roles.Requester, true, AdminMessages.Granted, ctx, ct);

    public Task HandleAsync(RevokeUser command, UpdateContext ctx, CancellationToken ct) =>
        ChangeAsync(command.Argument, "revoke", Roles.Requester, false, AdminMessages.Revoked, ctx, ct);

    private async Task ChangeAsync(string? argument, string action, string role, bool granted, string done, UpdateContext ctx, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentCulture;
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
        await events.PublishAsync(new RoleChanged(target.Id), ct);
        await sender.SendAsync(ctx.ChatId, string.Format(culture, done, Targets.Who(target)), ct: ct);
    }
}
