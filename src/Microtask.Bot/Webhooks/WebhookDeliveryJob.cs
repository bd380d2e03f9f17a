using Hangfire;
using Microsoft.Extensions.Options;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Webhooks;

/// <summary>
/// One attempt to post one event, as a Hangfire job (its argument is the outbox row's id). The attempt claims the row
/// first, so it runs on one instance at a time and never after a 2xx; a failure schedules the next attempt with
/// exponential backoff (30 s, 2 min, 8 min, … up to 4 h apart) until the last one gives the event up. After
/// Microtask:Api:Webhooks:FailuresBeforeNotice failures in a row the requester is told, once until one succeeds.
/// </summary>
internal sealed class WebhookDeliveryJob(
    WebhookStore store, WebhookPoster poster, ProjectStore projects, WorkerStore workers, Sender sender, IBackgroundJobClient jobs,
    IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDeliveryJob> log)
{
    /// <summary>What a claim adds to the attempt's timeout: the row is free again only once the attempt is surely over.</summary>
    private static readonly TimeSpan ClaimMargin = TimeSpan.FromSeconds(30);

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1 for the first): 30 s × 4^(attempt − 1), at most 4 h.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(4, Math.Max(0, attempt - 1)), 4 * 3600));

    // The outbox schedules its own next attempt; Hangfire's retries would only post out of turn.
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(long id)
    {
        var settings = options.Value;
        if (await store.ClaimAsync(id, settings.Timeout + ClaimMargin) is not { } delivery)
        {
            return; // delivered, given up, not due yet, or being attempted elsewhere
        }

        if (await store.FindAsync(delivery.ProjectId) is not { } hook)
        {
            await store.DroppedAsync(delivery);
            return;
        }

        if (await poster.PostAsync(hook, delivery, CancellationToken.None) is not { } error)
        {
            await store.DeliveredAsync(delivery);
            return;
        }

        var wait = delivery.Attempt < settings.MaxAttempts ? Backoff(delivery.Attempt) : (TimeSpan?)null;
        log.LogInformation(
            "Webhook event {EventId} of project {ProjectId}: attempt {Attempt} failed ({Error}); {Next}",
            delivery.EventId, delivery.ProjectId, delivery.Attempt, error, wait is { } w ? $"next in {w}" : "given up");
        var failures = await store.FailedAsync(delivery, error, time.GetUtcNow() + wait, settings.FailuresBeforeNotice);
        if (wait is { } next)
        {
            try
            {
                jobs.Schedule<WebhookDeliveryJob>(job => job.RunAsync(delivery.Id), next);
            }
            catch (Exception e)
            {
                log.LogWarning("Could not schedule webhook event {EventId}'s next attempt; the sweep will: {Error}", delivery.EventId, e.Message);
            }
        }

        if (failures is { } inARow)
        {
            await TellAsync(delivery.ProjectId, inARow, error);
        }
    }

    private async Task TellAsync(long projectId, int failures, string error)
    {
        if (await projects.FindAsync(projectId) is not { RequesterId: { } owner } project || await workers.GetAsync(owner) is not { } requester)
        {
            return;
        }

        var culture = Languages.Culture(requester.Language);
        var text = WebhookErrors.Text(
            nameof(Resources.WebhookMessages.Failing), culture, project.Id, TaskTemplate.Escape(TelegramLimits.FitPlain(project.Title, 100)), failures,
            TaskTemplate.Escape(WebhookErrors.Describe(error, culture, options.Value.TimeoutSeconds)));
        await sender.SendAsync(requester.TelegramId, text);
    }
}

/// <summary>
/// Every minute: queues the events whose attempt is overdue by a minute and not under way — their job was lost (the
/// in-memory job storage after a restart, a schedule that failed). A second job for an event finds it claimed or done.
/// </summary>
internal sealed class WebhookSweepJob(WebhookStore store, IBackgroundJobClient jobs, TimeProvider time)
{
    private const int Page = 500;

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync()
    {
        foreach (var id in await store.DueAsync(time.GetUtcNow() - TimeSpan.FromMinutes(1), Page))
        {
            jobs.Enqueue<WebhookDeliveryJob>(job => job.RunAsync(id));
        }
    }
}
