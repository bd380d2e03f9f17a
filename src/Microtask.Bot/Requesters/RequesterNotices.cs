using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// What a requester is told without asking, in the requester's own language (the update being handled is some
/// worker's): a batch completed, a project paused because its budget cannot pay for another answer. Each is sent
/// once, because the store hands out each event once.
/// </summary>
internal sealed class RequesterNotices(ProjectStore projects, WorkerStore workers, BatchStore batches, Sender sender, IOptions<MicrotaskOptions> options)
{
    /// <summary>After an answer that filled its task: tells the requester if that finished the task's batch.</summary>
    public async Task TaskFilledAsync(long batchId, CancellationToken ct)
    {
        if (await batches.CompleteIfDoneAsync(batchId, ct) is { } batch && await workers.GetAsync(batch.RequesterId, ct) is { } requester)
        {
            var culture = Languages.Culture(requester.Language);
            await sender.SendAsync(requester.TelegramId, Format(culture, "BatchDone", TaskTemplate.Escape(batch.FileName), batch.ProjectId, batch.Rows), ct: ct);
        }
    }

    public async Task BudgetRanOutAsync(long projectId, CancellationToken ct)
    {
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

    private static string Format(CultureInfo culture, string key, params object[] args) =>
        string.Format(culture, RequesterMessages.ResourceManager.GetString(key, culture)!, args);
}
