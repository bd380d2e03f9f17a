using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>Keep «gold» under a quarantined gold task's notice: its gold answer was right after all.</summary>
internal sealed record KeepGold(long TaskId) : IButtonCommand<KeepGold>
{
    public static string Prefix => "gk";

    public static Access Access => Access.Requester;

    public string Data => Callback.Data(Prefix, TaskId);

    public static KeepGold? Parse(CallbackArgs args) => args.Count == 1 && args.Id(0) is { } id ? new(id) : null;
}

/// <summary>Change to «crowd answer» under a quarantined gold task's notice: the crowd's answer becomes its gold answer.</summary>
internal sealed record ChangeGold(long TaskId) : IButtonCommand<ChangeGold>
{
    public static string Prefix => "gc";

    public static Access Access => Access.Requester;

    public string Data => Callback.Data(Prefix, TaskId);

    public static ChangeGold? Parse(CallbackArgs args) => args.Count == 1 && args.Id(0) is { } id ? new(id) : null;
}

/// <summary>
/// The requester's word on a quarantined gold task, one press: the task is gold again, with the answer chosen, for the
/// answers still to come (those given before stay as recomputed), and the notice says so in place of its buttons. A
/// second press, or one by anyone but the project's requester, is refused and changes nothing.
/// </summary>
internal sealed class DecideGoldHandler(GoldDisputeStore disputes, ProjectStore projects, BatchStore batches, Sender sender)
    : IHandler<KeepGold>, IHandler<ChangeGold>
{
    public Task HandleAsync(KeepGold command, UpdateContext ctx, CancellationToken ct) => DecideAsync(command.TaskId, keep: true, ctx, ct);

    public Task HandleAsync(ChangeGold command, UpdateContext ctx, CancellationToken ct) => DecideAsync(command.TaskId, keep: false, ctx, ct);

    private async Task DecideAsync(long taskId, bool keep, UpdateContext ctx, CancellationToken ct)
    {
        if (await disputes.FindAsync(taskId, ct) is not { } quarantined || await projects.FindAsync(quarantined.ProjectId, ct) is not { } project)
        {
            ctx.Toast = WorkerMessages.ButtonInvalid;
            return;
        }

        if (project.RequesterId != ctx.Worker.Id)
        {
            ctx.Toast = DisputeMessages.GoldNotYours;
            return;
        }

        if (quarantined.Decision is not null || !await disputes.DecideAsync(taskId, keep, ctx.Worker.Id, ct))
        {
            var decided = (await disputes.FindAsync(taskId, ct))?.Decision ?? quarantined.Decision;
            var gold = decided == "changed" ? quarantined.Evidence.CrowdAnswer : quarantined.Gold;
            ctx.Toast = string.Format(CultureInfo.CurrentCulture, DisputeMessages.GoldAlreadyDecided, GoldQuarantineNotice.Plain(project, gold));
            return;
        }

        if (ctx.MessageId is { } shown)
        {
            var status = string.Format(
                CultureInfo.CurrentCulture,
                keep ? DisputeMessages.GoldKept : DisputeMessages.GoldChanged,
                GoldQuarantineNotice.Value(project, keep ? quarantined.Gold : quarantined.Evidence.CrowdAnswer));
            var text = GoldQuarantineNotice.Text(project, quarantined, await batches.SourceOfAsync(taskId, ct)) + "\n\n" + status;
            await sender.EditAsync(ctx.ChatId, shown, text, null, ct);
        }
    }
}
