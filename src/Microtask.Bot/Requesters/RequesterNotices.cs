using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// What a requester is told without asking, in the requester's own language (the update being handled is some
/// worker's): a batch completed, a budget running low, a project paused because its budget cannot pay for another answer. Each is sent
/// once, because the store hands out each event once, and published for whoever else acts on it (the webhooks).
/// </summary>
internal sealed class RequesterNotices(
    ProjectStore projects, WorkerStore workers, BatchStore batches, Sender sender, Events events, IOptions<MicrotaskOptions> options,
    ILogger<RequesterNotices> log)
    : IEventHandler<AnswerAccepted>
{
    /// <summary>
    /// What an accepted answer means for the requester: its batch done, the budget low or spent. Never throws: the
    /// worker's answer is saved whatever happens to the requester's message (a failure is logged).
    /// </summary>
    public async Task HandleAsync(AnswerAccepted e, CancellationToken ct)
    {
        try
        {
            await TellAsync(e.ProjectId, e.Result, ct);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            log.LogWarning("Could not tell the requester of project {ProjectId}: {Error}", e.ProjectId, failure.Message);
        }
    }

    private async Task TellAsync(long projectId, SubmitResult result, CancellationToken ct)
    {
        if (result.FilledBatchId is { } batchId)
        {
            await TaskFilledAsync(batchId, ct);
        }

        if (result.BudgetRanOut)
        {
            await BudgetRanOutAsync(projectId, ct);
        }
        else if (result.BudgetFellBelow(options.Value.Notices.BudgetLowAnswers))
        {
            await BudgetLowAsync(projectId, ct);
        }
    }

    /// <summary>After an answer that filled its task: tells the requester if that finished the task's batch.</summary>
    private async Task TaskFilledAsync(long batchId, CancellationToken ct)
    {
        if (await batches.CompleteIfDoneAsync(batchId, ct) is not { } batch)
        {
            return;
        }

        await events.PublishAsync(new BatchCompleted(batch.ProjectId, batch.Id, batch.FileName, batch.Rows), ct);
        if (await workers.GetAsync(batch.RequesterId, ct) is { } requester)
        {
            var culture = Languages.Culture(requester.Language);
            await sender.SendAsync(requester.TelegramId, Format(culture, "BatchDone", TaskTemplate.Escape(batch.FileName), batch.ProjectId, batch.Rows), ct: ct);
        }
    }

    private async Task BudgetRanOutAsync(long projectId, CancellationToken ct)
    {
        await events.PublishAsync(new ProjectPaused(projectId, PauseReason.Budget), ct);
        if (await projects.FindAsync(projectId, ct) is not { RequesterId: { } owner } project || await workers.GetAsync(owner, ct) is not { } requester)
        {
            return;
        }

        var culture = Languages.Culture(requester.Language);
        await sender.SendAsync(
            requester.TelegramId,
            Format(culture, "BudgetRanOut", project.Id, TaskTemplate.Escape(project.Title), options.Value.Currency.Format(project.Budget ?? 0, culture), options.Value.Currency.Format(project.Reward, culture)),
            ct: ct);
    }

    /// <summary>The budget fell below Microtask:Notices:BudgetLowAnswers rewards: a warning before it runs out.</summary>
    private async Task BudgetLowAsync(long projectId, CancellationToken ct)
    {
        if (await projects.FindAsync(projectId, ct) is not { RequesterId: { } owner, Reward: > 0 } project || await workers.GetAsync(owner, ct) is not { } requester)
        {
            return;
        }

        var left = project.Budget ?? 0;
        await events.PublishAsync(new BudgetLow(project.Id, left, project.Reward), ct);
        var culture = Languages.Culture(requester.Language);
        await sender.SendAsync(
            requester.TelegramId,
            Format(culture, "BudgetLow", project.Id, TaskTemplate.Escape(project.Title), options.Value.Currency.Format(left, culture), left / project.Reward),
            ct: ct);
    }

    private static string Format(CultureInfo culture, string key, params object[] args) =>
        string.Format(culture, RequesterMessages.ResourceManager.GetString(key, culture)!, args);
}
