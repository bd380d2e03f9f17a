using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
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

/// <summary>
/// A preview with Confirm and Cancel; confirmed, it goes to every reachable worker, and a progress message of its own,
/// with Stop, counts them while the preview stays as a record of what was sent. The text is Telegram HTML, checked
/// as a task template is: a text Telegram would refuse is refused here, with the place.
/// </summary>
internal sealed partial class SendBroadcastHandler(BroadcastStore store, AuditStore audit, Sender sender, IBackgroundJobClient jobs) :
    IHandler<SendBroadcast>, IHandler<BroadcastButton>
{
    // What workers read, leaving room in one message for the preview's first line.
    private const int MaxVisible = 4000;

    public async Task HandleAsync(SendBroadcast command, UpdateContext ctx, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.Argument))
        {
            await sender.SendAsync(ctx.ChatId, AdminMessages.BroadcastUsage, ct: ct);
            return;
        }

        var html = command.Argument.Trim();
        if (Refusal(html) is { } refusal)
        {
            await sender.SendAsync(ctx.ChatId, refusal, ct: ct);
            return;
        }

        var id = await store.CreateAsync(ctx.Worker.Id, ctx.ChatId, html, ctx.Worker.Language, ct);
        var count = await store.CountRecipientsAsync(ct);
        var keyboard = new InlineKeyboardMarkup(
            Keyboards.Button(AdminMessages.BroadcastConfirm, new BroadcastButton(BroadcastStep.Confirm, id)),
            Keyboards.Button(AdminMessages.BroadcastCancel, new BroadcastButton(BroadcastStep.Cancel, id)));
        await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, AdminMessages.BroadcastPreview, count, html), keyboard, ct);
    }

    public async Task HandleAsync(BroadcastButton command, UpdateContext ctx, CancellationToken ct)
    {
        switch (command.Step)
        {
            case BroadcastStep.Confirm when await store.ConfirmAsync(command.BroadcastId, ctx.ChatId, ct):
                await audit.WriteAsync(ctx.Worker.Id, "broadcast", null, $"#{command.BroadcastId.ToString(CultureInfo.InvariantCulture)}", ct);
                var confirmed = (await store.FindAsync(command.BroadcastId, ct))!;
                await sender.EditIfShownAsync(ctx, ctx.MessageId, string.Format(CultureInfo.CurrentCulture, AdminMessages.BroadcastConfirmed, confirmed.Total, confirmed.Html), ct);
                await StartAsync(confirmed, ctx, ct);
                break;
            case BroadcastStep.Cancel when await store.CancelAsync(command.BroadcastId, ctx.ChatId, ct):
                var cancelled = (await store.FindAsync(command.BroadcastId, ct))!;
                await sender.EditIfShownAsync(ctx, ctx.MessageId, string.Format(CultureInfo.CurrentCulture, AdminMessages.BroadcastCancelled, cancelled.Html), ct);
                break;
            case BroadcastStep.Stop when await store.StopAsync(command.BroadcastId, ct):
                ctx.Toast = AdminMessages.BroadcastStopping;
                break;
            default:
                ctx.Toast = AdminMessages.ReviewGone;
                break;
        }
    }

    /// <summary>Why Telegram would refuse the text, or why it is too long to send whole; null when it may go.</summary>
    private static string? Refusal(string html)
    {
        if (TelegramHtml.Check(html) is { } problem)
        {
            return string.Format(CultureInfo.CurrentCulture, AdminMessages.BroadcastHtml, HtmlProblems.Describe(problem));
        }

        var visible = WebUtility.HtmlDecode(Tag().Replace(html, "")).Length;
        return visible > MaxVisible ? string.Format(CultureInfo.CurrentCulture, AdminMessages.BroadcastTooLong, MaxVisible, visible) : null;
    }

    /// <summary>The progress message with its Stop button, below the preview, then the fan-out as a job (see <see cref="BroadcastJob"/>).</summary>
    private async Task StartAsync(Broadcast broadcast, UpdateContext ctx, CancellationToken ct)
    {
        var progress = await sender.SendAsync(
            ctx.ChatId, BroadcastJob.Progress(CultureInfo.CurrentCulture, 0, 0, broadcast.Total), BroadcastJob.StopButton(broadcast.Id), ct);
        if (progress is not null)
        {
            await store.SetProgressAsync(broadcast.Id, progress.MessageId, ct);
        }

        jobs.Enqueue<BroadcastJob>(job => job.RunAsync(broadcast.Id));
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();
}
