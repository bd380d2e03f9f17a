using System.Globalization;
using Hangfire;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace Microtask.Bot.Admins;

/// <summary>/broadcast &lt;text&gt;: a preview with Confirm and Cancel; confirmed, it goes to every reachable worker with a progress message and Stop.</summary>
internal sealed class SendBroadcast(BroadcastStore store, AuditStore audit, Sender sender, IBackgroundJobClient jobs) :
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
        var id = await store.CreateAsync(ctx.Worker.Id, ctx.ChatId, html, ctx.Worker.Language, ct);
        var count = await store.CountRecipientsAsync(ct);
        var keyboard = new InlineKeyboardMarkup(
            InlineKeyboardButton.WithCallbackData(AdminMessages.BroadcastConfirm, new CallbackData.Broadcast((int)BroadcastStep.Confirm, id).Format()),
            InlineKeyboardButton.WithCallbackData(AdminMessages.BroadcastCancel, new CallbackData.Broadcast((int)BroadcastStep.Cancel, id).Format()));
        await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentUICulture, AdminMessages.BroadcastPreview, count, html), keyboard, ct);
    }

    public async Task HandleAsync(BroadcastPressed command, UpdateContext ctx, CancellationToken ct)
    {
        switch (command.Step)
        {
            case BroadcastStep.Confirm when await store.ConfirmAsync(command.BroadcastId, ctx.ChatId, ct):
                await audit.WriteAsync(ctx.Worker.Id, "broadcast", null, $"#{command.BroadcastId.ToString(CultureInfo.InvariantCulture)}", ct);
                await EditPreviewAsync(ctx, AdminMessages.BroadcastStarted, ct);
                await StartAsync(command.BroadcastId, ctx, ct);
                break;
            case BroadcastStep.Cancel when await store.CancelAsync(command.BroadcastId, ctx.ChatId, ct):
                await EditPreviewAsync(ctx, AdminMessages.BroadcastCancelled, ct);
                break;
            case BroadcastStep.Stop when await store.StopAsync(command.BroadcastId, ct):
                ctx.Toast = AdminMessages.BroadcastStopping;
                break;
            default:
                ctx.Toast = AdminMessages.ReviewGone;
                break;
        }
    }

    /// <summary>The progress message with its Stop button, then the fan-out as a job (see <see cref="BroadcastJob"/>).</summary>
    private async Task StartAsync(long id, UpdateContext ctx, CancellationToken ct)
    {
        var total = (await store.FindAsync(id, ct))!.Total;
        var progress = await sender.SendAsync(ctx.ChatId, BroadcastJob.Progress(CultureInfo.CurrentUICulture, 0, 0, total), BroadcastJob.StopButton(id), ct);
        if (progress is not null)
        {
            await store.SetProgressAsync(id, progress.MessageId, ct);
        }

        jobs.Enqueue<BroadcastJob>(job => job.RunAsync(id));
    }

    private async Task EditPreviewAsync(UpdateContext ctx, string line, CancellationToken ct)
    {
        if (ctx.MessageId is { } id)
        {
            await sender.EditAsync(ctx.ChatId, id, line, ct: ct);
        }
    }
}
