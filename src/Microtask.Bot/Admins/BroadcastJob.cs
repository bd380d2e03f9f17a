using System.Globalization;
using global::Telegram.Bot.Types.ReplyMarkups;
using Hangfire;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>
/// A confirmed broadcast's fan-out, as a Hangfire job: it runs once across instances, through the Sender's bulk lane
/// (off the admins' and workers' chats), and after a crash Hangfire runs it again from the stored cursor, so a
/// worker gets it at most twice (only the one whose send was under way). Stop, pressed on any instance, marks the
/// broadcast in the database; the job looks before each message. The progress message is edited every
/// <see cref="ProgressEvery"/> messages.
/// </summary>
internal sealed class BroadcastJob(BroadcastStore store, Sender sender, ILogger<BroadcastJob> log)
{
    private const int ProgressEvery = 20;
    private const int Page = 200;

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long id)
    {
        if (await store.FindAsync(id) is not { } b)
        {
            return;
        }

        var culture = Languages.Culture(b.Language);
        var (sent, skipped, cursor) = (b.Sent, b.Skipped, b.LastWorkerId);
        var state = b.State;
        while (state == "running")
        {
            var page = await store.RecipientsAfterAsync(cursor, Page);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var recipient in page)
            {
                if ((state = (await store.FindAsync(id))?.State ?? "") != "running")
                {
                    break;
                }

                var delivered = await sender.SendBulkAsync(recipient.ChatId, b.Html) is not null; // null: blocked the bot (now inactive) or unreachable
                await store.RecordAsync(id, recipient.WorkerId, delivered);
                (sent, skipped, cursor) = delivered ? (sent + 1, skipped, recipient.WorkerId) : (sent, skipped + 1, recipient.WorkerId);
                if ((sent + skipped) % ProgressEvery == 0 && b.ProgressId is { } m)
                {
                    await sender.EditAsync(b.AdminChatId, (int)m, Progress(culture, sent, skipped, Math.Max(b.Total, sent + skipped)), StopButton(id));
                }
            }
        }

        var ended = await store.FinishAsync(id);
        log.LogInformation("Broadcast {Id} ended ({State}): {Sent} sent, {Skipped} skipped", id, ended ?? state, sent, skipped);
        if (ended is not null && b.ProgressId is { } progress)
        {
            var format = AdminMessages.ResourceManager.GetString(ended == "stopped" ? nameof(AdminMessages.BroadcastStopped) : nameof(AdminMessages.BroadcastDone), culture)!;
            await sender.EditAsync(b.AdminChatId, (int)progress, string.Format(culture, format, sent, skipped, Math.Max(b.Total, sent + skipped)));
        }
    }

    public static string Progress(CultureInfo culture, int sent, int skipped, int total) =>
        string.Format(culture, AdminMessages.ResourceManager.GetString(nameof(AdminMessages.BroadcastProgress), culture)!, sent, skipped, total);

    public static InlineKeyboardMarkup StopButton(long id) =>
        Keyboards.Single(AdminMessages.BroadcastStop, new BroadcastButton(BroadcastStep.Stop, id));
}
