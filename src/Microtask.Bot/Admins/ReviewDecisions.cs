using System.Globalization;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>What each decision of the review queue does, audited; the line the card shows afterwards.</summary>
internal sealed class ReviewDecisions(ReportStore reports, BanStore bans, WorkerStore workers, AuditStore audit, BannedLeases leases, ProjectHolds holds, Events events)
{
    public async Task<string> ApplyAsync(ReviewAction action, ReviewItem item, Worker? requester, UpdateContext ctx, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentCulture;
        var about = $"{(item.IsAppeal ? "appeal" : "report")} #{item.Id.ToString(CultureInfo.InvariantCulture)}";
        switch (action)
        {
            case ReviewAction.RemoveTask when item.TaskId is { } taskId:
                await reports.RemoveTaskAsync(taskId, ct);
                await audit.WriteAsync(ctx.Worker.Id, "remove-task", null, $"{about}: task #{taskId.ToString(CultureInfo.InvariantCulture)}", ct);
                return AdminMessages.ReviewTaskRemoved;
            case ReviewAction.PauseProject when item.ProjectId is { } projectId:
                await holds.PauseAsync(projectId, ctx.Worker.Id, about, ct);
                return string.Format(culture, AdminMessages.ReviewProjectPaused, projectId);
            case ReviewAction.BanRequester when requester is not null:
                await bans.BanAsync(requester.Id, null, BanStore.Permanent, about, ctx.Worker.Id, ct);
                await audit.WriteAsync(ctx.Worker.Id, "ban", requester.Id, $"permanent: {about}", ct);
                await events.PublishAsync(new WorkerBanned(requester.Id, null), ct);
                await leases.ReleaseAsync(requester, null, ct);
                await leases.TellAsync(requester, nameof(AdminMessages.WorkerBanned), c => [BanEnds.Until(BanStore.Permanent, TimeZoneInfo.Utc, c), about], ct);
                return string.Format(culture, AdminMessages.ReviewRequesterBanned, Targets.Who(requester));
            case ReviewAction.LiftBan when await workers.GetAsync(item.WorkerId, ct) is { } appellant:
                var lifted = await bans.LiftAllAsync(appellant.Id, ct);
                await audit.WriteAsync(ctx.Worker.Id, "appeal-lift", appellant.Id, about, ct);
                await leases.TellAsync(appellant, lifted ? nameof(AdminMessages.AppealGranted) : nameof(AdminMessages.AppealAccepted), _ => [], ct);
                foreach (var held in await reports.HeldAsync(appellant.Id, ct))
                {
                    await holds.UnpauseAsync(held.Id, ctx.Worker.Id, about, ct);
                }

                return AdminMessages.ReviewLifted;
            case ReviewAction.KeepBan when await workers.GetAsync(item.WorkerId, ct) is { } appellant:
                await audit.WriteAsync(ctx.Worker.Id, "appeal-keep", appellant.Id, about, ct);
                await leases.TellAsync(appellant, nameof(AdminMessages.AppealRefused), _ => [], ct);
                return AdminMessages.ReviewKept;
            default:
                await audit.WriteAsync(ctx.Worker.Id, "dismiss", item.WorkerId, about, ct);
                return AdminMessages.ReviewDismissed;
        }
    }
}
