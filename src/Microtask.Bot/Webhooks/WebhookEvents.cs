using System.Text.Json;
using Hangfire;
using Microtask.Bot.Shared;
using Microtask.Storage;

namespace Microtask.Bot.Webhooks;

/// <summary>
/// Turns what happened to a project into its webhook's events: each is recorded once in the outbox (nothing when the
/// project has no webhook) and a delivery job is queued for it. A queue that fails leaves the event to the sweep.
/// </summary>
internal sealed class WebhookEvents(WebhookStore store, IBackgroundJobClient jobs, TimeProvider time, ILogger<WebhookEvents> log)
    : IEventHandler<BatchCompleted>, IEventHandler<ProjectPaused>, IEventHandler<BudgetLow>
{
    public const string BatchCompletedType = "batch.completed";
    public const string ProjectPausedType = "project.paused";
    public const string BudgetLowType = "budget.low";

    public static readonly string[] Types = [BatchCompletedType, ProjectPausedType, BudgetLowType];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public Task HandleAsync(BatchCompleted e, CancellationToken ct) =>
        RecordAsync(e.ProjectId, BatchCompletedType, new { e.BatchId, e.FileName, e.Tasks }, ct);

    public Task HandleAsync(ProjectPaused e, CancellationToken ct) =>
        RecordAsync(e.ProjectId, ProjectPausedType, new { Reason = e.By.ToString().ToLowerInvariant() }, ct);

    public Task HandleAsync(BudgetLow e, CancellationToken ct) =>
        RecordAsync(e.ProjectId, BudgetLowType, new { e.BudgetLeft, e.Reward, AnswersLeft = e.Reward > 0 ? e.BudgetLeft / e.Reward : 0 }, ct);

    private async Task RecordAsync(long projectId, string type, object data, CancellationToken ct)
    {
        var id = "evt_" + Guid.CreateVersion7().ToString("N");
        var body = JsonSerializer.Serialize(new { id, type, CreatedAt = time.GetUtcNow().UtcDateTime, ProjectId = projectId, data }, Json);
        if (await store.RecordAsync(projectId, id, type, body, ct) is not { } row)
        {
            return;
        }

        try
        {
            jobs.Enqueue<WebhookDeliveryJob>(job => job.RunAsync(row));
        }
        catch (Exception e)
        {
            log.LogWarning("Could not queue webhook event {EventId} of project {ProjectId}; the sweep will post it: {Error}", id, projectId, e.Message);
        }
    }
}
