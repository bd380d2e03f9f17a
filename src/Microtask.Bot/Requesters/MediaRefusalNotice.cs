using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// Tells a project's requester, in their language, which task left the pool because Telegram refused its media, and,
/// for a task imported from a file, the line of that file to fix.
/// </summary>
internal sealed class MediaRefusalNotice(ProjectStore projects, WorkerStore workers, BatchStore batches, Sender sender, ILogger<MediaRefusalNotice> log) : IEventHandler<TaskMediaRefused>
{
    public async Task HandleAsync(TaskMediaRefused e, CancellationToken ct)
    {
        if (await projects.FindAsync(e.ProjectId, ct) is not { RequesterId: { } owner } project || await workers.GetAsync(owner, ct) is not { } requester)
        {
            log.LogInformation("Task {TaskId} taken out for its media; project {ProjectId} has no requester to tell", e.TaskId, e.ProjectId);
            return;
        }

        var culture = Languages.Culture(requester.Language);
        var task = await batches.SourceOfAsync(e.TaskId, ct) is { } source
            ? string.Format(culture, Text(nameof(RequesterMessages.MediaRefusedTaskLine), culture), e.TaskId, source.Line, TaskTemplate.Escape(TelegramLimits.FitPlain(source.FileName, 100)))
            : string.Format(culture, Text(nameof(RequesterMessages.MediaRefusedTask), culture), e.TaskId);
        var text = string.Format(
            culture,
            Text(nameof(RequesterMessages.MediaRefused), culture),
            project.Id,
            TaskTemplate.Escape(TelegramLimits.FitPlain(project.Title, 100)),
            task,
            TaskTemplate.Escape(e.Field.Column),
            TaskTemplate.Escape(TelegramLimits.FitPlain(e.Value, 300)),
            TaskTemplate.Escape(TelegramLimits.FitPlain(e.Reason, 300)));
        await sender.SendAsync(requester.TelegramId, text, ct: ct);
    }

    private static string Text(string key, CultureInfo culture) => RequesterMessages.ResourceManager.GetString(key, culture)!;
}
