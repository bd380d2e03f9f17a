using System.Globalization;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>/unban &lt;user&gt; [project]; the argument as typed.</summary>
internal sealed record UnbanWorker(string? Argument) : ITypedCommand<UnbanWorker>
{
    public static string Trigger => "/unban";

    public static Access Access => Access.Admin;

    public static UnbanWorker Parse(string? argument) => new(argument);
}

/// <summary>/unban &lt;user&gt; [project]: lifts a platform ban (or the suspension from one project) now, audited; the worker is told.</summary>
internal sealed class UnbanWorkerHandler(Targets targets, BanStore bans, ProjectStore projects, AuditStore audit, BannedLeases leases, Sender sender) : IHandler<UnbanWorker>
{
    public async Task HandleAsync(UnbanWorker command, UpdateContext ctx, CancellationToken ct)
    {
        if (await targets.FindAsync(command.Argument, AdminMessages.UnbanUsage, ctx, ct) is not var (target, rest))
        {
            return;
        }

        var culture = CultureInfo.CurrentCulture;
        if (rest.Length == 0)
        {
            if (!await bans.LiftAsync(target.Id, null, ct))
            {
                await sender.SendAsync(ctx.ChatId, string.Format(culture, AdminMessages.NothingToLift, Targets.Who(target)), ct: ct);
                return;
            }

            await audit.WriteAsync(ctx.Worker.Id, "unban", target.Id, "", ct);
            await leases.TellAsync(target, nameof(AdminMessages.WorkerUnbanned), _ => [], ct);
            await sender.SendAsync(ctx.ChatId, string.Format(culture, AdminMessages.Unbanned, Targets.Who(target)), ct: ct);
            return;
        }

        if (await BanWorkerHandler.FindProjectAsync(projects, sender, rest, AdminMessages.UnbanUsage, ctx, ct) is not var (project, _))
        {
            return;
        }

        if (!await bans.LiftAsync(target.Id, project.Id, ct))
        {
            await sender.SendAsync(ctx.ChatId, string.Format(culture, AdminMessages.NothingToLift, Targets.Who(target)), ct: ct);
            return;
        }

        await audit.WriteAsync(ctx.Worker.Id, "unsuspend", target.Id, $"#{project.Id.ToString(CultureInfo.InvariantCulture)}", ct);
        var title = Quotes.Of(project.Title, Quotes.Reason);
        await leases.TellAsync(target, nameof(AdminMessages.WorkerUnsuspended), _ => [title], ct);
        await sender.SendAsync(ctx.ChatId, string.Format(culture, AdminMessages.Unsuspended, Targets.Who(target), project.Id), ct: ct);
    }
}
