using System.Collections.Concurrent;
using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace Microtask.Bot.Admins;

/// <summary>
/// Broadcasts waiting for their Confirm and those running. Kept in memory: a restart forgets a preview (the admin
/// sends /broadcast again) and stops a run. A run goes through the Sender's bulk lane, off the admin's chat, so the
/// Stop button is handled while it runs; its progress message is edited every <see cref="ProgressEvery"/> messages.
/// </summary>
internal sealed class BroadcastRuns(BroadcastStore store, Sender sender, ILogger<BroadcastRuns> log)
{
    private const int ProgressEvery = 20;
    private readonly ConcurrentDictionary<long, Pending> pending = new();
    private readonly ConcurrentDictionary<long, CancellationTokenSource> running = new();
    private long lastId;

    private sealed record Pending(long AdminChatId, string Html, string Language);

    public long Prepare(long adminChatId, string html, string language)
    {
        var id = Interlocked.Increment(ref lastId);
        pending[id] = new Pending(adminChatId, html, language);
        return id;
    }

    public bool Cancel(long id, long adminChatId) => pending.TryGetValue(id, out var p) && p.AdminChatId == adminChatId && pending.TryRemove(id, out _);

    public bool Stop(long id) => running.TryGetValue(id, out var cts) && !cts.IsCancellationRequested && Cancel(cts);

    /// <summary>Starts the fan-out of a previewed broadcast; false when there is none by this id for this admin.</summary>
    public async Task<bool> StartAsync(long id, long adminChatId, CancellationToken ct)
    {
        if (!pending.TryGetValue(id, out var p) || p.AdminChatId != adminChatId || !pending.TryRemove(id, out _))
        {
            return false;
        }

        var recipients = await store.RecipientsAsync(ct);
        var culture = CultureInfo.CurrentUICulture;
        var progress = await sender.SendAsync(adminChatId, Progress(culture, 0, 0, recipients.Count), StopButton(id), ct);
        var cts = new CancellationTokenSource();
        running[id] = cts;
        _ = Task.Run(() => RunAsync(id, p, recipients, progress?.MessageId, culture, cts.Token), CancellationToken.None);
        return true;
    }

    private async Task RunAsync(long id, Pending p, IReadOnlyList<long> recipients, int? progressId, CultureInfo culture, CancellationToken stop)
    {
        int sent = 0, skipped = 0;
        try
        {
            foreach (var chatId in recipients)
            {
                if (stop.IsCancellationRequested)
                {
                    break;
                }

                if (await sender.SendBulkAsync(chatId, p.Html) is null)
                {
                    skipped++; // blocked the bot (the Sender marked them inactive) or unreachable
                }
                else
                {
                    sent++;
                }

                if ((sent + skipped) % ProgressEvery == 0 && progressId is { } m && sent + skipped < recipients.Count)
                {
                    await sender.EditAsync(p.AdminChatId, m, Progress(culture, sent, skipped, recipients.Count), StopButton(id));
                }
            }
        }
        catch (Exception e)
        {
            log.LogError(e, "Broadcast {Id} failed after {Sent} messages", id, sent);
        }
        finally
        {
            running.TryRemove(id, out var cts);
            cts?.Dispose();
            if (progressId is { } m)
            {
                var format = AdminMessages.ResourceManager.GetString(stop.IsCancellationRequested ? nameof(AdminMessages.BroadcastStopped) : nameof(AdminMessages.BroadcastDone), culture)!;
                await sender.EditAsync(p.AdminChatId, m, string.Format(culture, format, sent, skipped, recipients.Count));
            }
        }
    }

    private static bool Cancel(CancellationTokenSource cts)
    {
        cts.Cancel();
        return true;
    }

    private static string Progress(CultureInfo culture, int sent, int skipped, int total) =>
        string.Format(culture, AdminMessages.ResourceManager.GetString(nameof(AdminMessages.BroadcastProgress), culture)!, sent, skipped, total);

    private static InlineKeyboardMarkup StopButton(long id) =>
        new(InlineKeyboardButton.WithCallbackData(AdminMessages.BroadcastStop, new CallbackData.Broadcast((int)BroadcastStep.Stop, id).Format()));
}
