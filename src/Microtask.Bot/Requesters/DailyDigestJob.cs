using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// Sends each requester who asked for it the day's summary of their open projects, in their language, through the
/// Sender's bulk lane. Safe to run twice: each requester gets one digest per local day.
/// </summary>
public sealed class DailyDigestJob(
    NoticeStore notices, WorkerStore workers, IServiceProvider services, TimeProvider time, IOptions<MicrotaskOptions> options, ILogger<DailyDigestJob> log)
{
    public async Task RunAsync()
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var day = TimeZoneInfo.ConvertTime(now, o.TimeZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sender = services.GetRequiredService<Sender>();
        foreach (var id in await notices.DigestSubscribersAsync())
        {
            if (await workers.GetAsync(id) is not { Active: true } requester || !await notices.ClaimAsync("digest", id, day))
            {
                continue;
            }

            try
            {
                await SendAsync(sender, requester, day, now, o);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One requester's failure neither loses their digest for the day nor stops the others'.
                await notices.UnclaimAsync("digest", id, day);
                log.LogWarning("Digest for worker {WorkerId} not sent: {Error}", id, e.Message);
            }
        }
    }

    private async Task SendAsync(Sender sender, Worker requester, string day, DateTimeOffset now, MicrotaskOptions o)
    {
        var culture = Languages.Culture(requester.Language);
        string Text(string key) => RequesterMessages.ResourceManager.GetString(key, culture)!;
        var lines = (await notices.DigestAsync(requester.Id, now - TimeSpan.FromDays(1))).Select(p => string.Format(
            culture,
            Text("DigestLine"),
            p.Id,
            TaskTemplate.Escape(p.Title),
            Text("State_" + p.State),
            p.TasksDone,
            p.Tasks,
            p.AnswersToday,
            p.Budget is { } budget ? o.Currency.Format(budget, culture) : Text("DigestNoBudget")));
        var body = string.Join('\n', lines) is { Length: > 0 } list ? list : Text("DigestEmpty");
        var date = TimeZoneInfo.ConvertTime(now, o.TimeZone).ToString("D", culture); // the day as the requester writes it, not the claim's key
        await sender.SendBulkAsync(requester.TelegramId, string.Format(culture, Text("DigestHeader"), date) + "\n" + body);
    }
}
