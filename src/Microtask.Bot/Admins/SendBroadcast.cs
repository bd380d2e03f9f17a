using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace Microtask.Bot.Admins;

/// <summary>/broadcast &lt;text&gt;: a preview with Confirm and Cancel; confirmed, it goes to every reachable worker with a progress message and Stop.</summary>
internal sealed class SendBroadcast(BroadcastRuns runs, BroadcastStore store, AuditStore audit, Sender sender) :
    IHandler<BroadcastCommand>, IHandler<BroadcastPressed>
{
    public async Task HandleAsync(BroadcastCommand command, UpdateContext ctx, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.Argument))
        {
            await sender.SendAsync(ctx.ChatId, AdminMessages.BroadcastUsage, ct: ct);
            return;
        }

        var html = TaskTemplate.Escape(command.Argument);
        var id = runs.Prepare(ctx.ChatId, html, ctx.Worker.Language);
        var count = (await store.RecipientsAsync(ct)).Count;
        var keyboard = new InlineKeyboardMarkup(
            InlineKeyboardButton.WithCallbackData(AdminMessages.BroadcastConfirm, new CallbackData.Broadcast((int)BroadcastStep.Confirm, id).Format()),
            InlineKeyboardButton.WithCallbackData(AdminMessages.BroadcastCancel, new CallbackData.Broadcast((int)BroadcastStep.Cancel, id).Format()));
        await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentUICulture, AdminMessages.BroadcastPreview, count, html), keyboard, ct);
    }

    public async Task HandleAsync(BroadcastPressed command, UpdateContext ctx, CancellationToken ct)
    {
        switch (command.Step)
        {
            case BroadcastStep.Confirm when await runs.StartAsync(command.BroadcastId, ctx.ChatId, ct):
                await audit.WriteAsync(ctx.Worker.Id, "broadcast", null, $"#{command.BroadcastId.ToString(CultureInfo.InvariantCulture)}", ct);
                await EditPreviewAsync(ctx, AdminMessages.BroadcastStarted, ct);
                break;
            case BroadcastStep.Cancel when runs.Cancel(command.BroadcastId, ctx.ChatId):
                await EditPreviewAsync(ctx, AdminMessages.BroadcastCancelled, ct);
                break;
            case BroadcastStep.Stop when runs.Stop(command.BroadcastId):
                ctx.Toast = AdminMessages.BroadcastStopping;
                break;
            default:
                ctx.Toast = AdminMessages.ReviewGone;
                break;
        }
    }

    private async Task EditPreviewAsync(UpdateContext ctx, string line, CancellationToken ct)
    {
        if (ctx.MessageId is { } id)
        {
            await sender.EditAsync(ctx.ChatId, id, line, ct: ct);
        }
    }
}
