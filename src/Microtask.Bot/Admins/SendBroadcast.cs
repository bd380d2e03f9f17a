using System.Globalization;
using global::Telegram.Bot.Types.ReplyMarkups;
using Hangfire;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>/broadcast &lt;text&gt;; the argument as typed.</summary>
internal sealed record SendBroadcast(string? Argument) : ITypedCommand<SendBroadcast>
{
    public static string Trigger => "/broadcast";

    public static Access Access => Access.Admin;

    public static SendBroadcast Parse(string? argument) => new(argument);
}

/// <summary>A broadcast's buttons: confirm or cancel its preview, stop it while it runs.</summary>
internal sealed record BroadcastButton(BroadcastStep Step, long BroadcastId) : IButtonCommand<BroadcastButton>
{
    public static string Prefix => "b";

    public static Access Access => Access.Admin;

    public string Data => Callback.Data(Prefix, (int)Step, BroadcastId);

    public static BroadcastButton? Parse(CallbackArgs args) =>
        args.Count == 2 && args.Small(0) is { } step && Enum.IsDefined((BroadcastStep)step) && args.Id(1) is { } id ? new((BroadcastStep)step, id) : null;
}

/// <summary>A preview with Confirm and Cancel; confirmed, it goes to every reachable worker with a progress message and Stop.</summary>
internal sealed class SendBroadcastHandler(BroadcastStore store, AuditStore audit, Sender sender, IBackgroundJobClient jobs) :
    IHandler<SendBroadcast>, IHandler<BroadcastButton>
{
    public async Task HandleAsync(SendBroadcast command, UpdateContext ctx, CancellationToken ct)
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
            Keyboards.Button(AdminMessages.BroadcastConfirm, new BroadcastButton(BroadcastStep.Confirm, id)),
            Keyboards.Button(AdminMessages.BroadcastCancel, new BroadcastButton(BroadcastStep.Cancel, id)));
        await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentUICulture, AdminMessages.BroadcastPreview, count, html), keyboard, ct);
    }

    public async Task HandleAsync(BroadcastButton command, UpdateContext ctx, CancellationToken ct)
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
