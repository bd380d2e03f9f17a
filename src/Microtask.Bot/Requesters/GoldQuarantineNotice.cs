using System.Globalization;
using System.Net;
using global::Telegram.Bot.Types.ReplyMarkups;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// Tells a project's requester, in their language, that a gold task was set aside, with the evidence (the task and the
/// line of its file, the gold answer, the crowd's answers counted, the disputes) and two buttons: keep the gold answer
/// or change it to the crowd's. A project with no requester has nobody to ask; its task stays an ordinary one.
/// </summary>
internal sealed class GoldQuarantineNotice(ProjectStore projects, WorkerStore workers, BatchStore batches, Sender sender, ILogger<GoldQuarantineNotice> log)
    : IEventHandler<GoldQuarantined>
{
    /// <summary>The most of an answer a button quotes.</summary>
    private const int ButtonValue = 40;

    public async Task HandleAsync(GoldQuarantined e, CancellationToken ct)
    {
        var quarantined = e.Quarantined;
        if (await projects.FindAsync(quarantined.ProjectId, ct) is not { RequesterId: { } owner } project || await workers.GetAsync(owner, ct) is not { } requester)
        {
            log.LogInformation("Gold task {TaskId} set aside; project {ProjectId} has no requester to ask", quarantined.TaskId, quarantined.ProjectId);
            return;
        }

        var source = await batches.SourceOfAsync(quarantined.TaskId, ct);
        var worker = CultureInfo.CurrentUICulture;
        Languages.Use(requester.Language);
        try
        {
            await sender.SendAsync(requester.TelegramId, Text(project, quarantined, source), Buttons(project, quarantined), ct);
        }
        finally
        {
            Languages.Use(worker);
        }
    }

    /// <summary>The notice in the current culture, as sent and as edited once decided.</summary>
    public static string Text(Project project, QuarantinedGold quarantined, TaskSource? source)
    {
        var culture = CultureInfo.CurrentCulture;
        var evidence = quarantined.Evidence;
        var task = source is null
            ? string.Format(culture, DisputeMessages.QuarantineTask, quarantined.TaskId)
            : string.Format(culture, DisputeMessages.QuarantineTaskLine, quarantined.TaskId, source.Line, TaskTemplate.Escape(TelegramLimits.FitPlain(source.FileName, 100)));
        var lifted = quarantined.Lifted > 0 ? string.Format(culture, DisputeMessages.QuarantineLifted, quarantined.Lifted) : "";
        return string.Format(
            culture,
            DisputeMessages.QuarantineNotice,
            project.Id,
            TaskTemplate.Escape(TelegramLimits.FitPlain(project.Title, 100)),
            task,
            Value(project, quarantined.Gold),
            evidence.CrowdCount,
            evidence.Answers,
            Value(project, evidence.CrowdAnswer),
            evidence.Disputes,
            lifted);
    }

    /// <summary>An answer as the requester reads it in a message: its label, escaped, clipped.</summary>
    public static string Value(Project project, string answer) => TaskMessage.Label(project, TelegramLimits.FitPlain(answer, 200));

    private static InlineKeyboardMarkup Buttons(Project project, QuarantinedGold quarantined)
    {
        var culture = CultureInfo.CurrentCulture;
        return new InlineKeyboardMarkup(
        [
            [Keyboards.Button(string.Format(culture, DisputeMessages.KeepGoldButton, Plain(project, quarantined.Gold)), new KeepGold(quarantined.TaskId))],
            [Keyboards.Button(string.Format(culture, DisputeMessages.ChangeGoldButton, Plain(project, quarantined.Evidence.CrowdAnswer)), new ChangeGold(quarantined.TaskId))],
        ]);
    }

    /// <summary>An answer as a button or a toast shows it: plain text, clipped.</summary>
    public static string Plain(Project project, string answer) => WebUtility.HtmlDecode(TaskMessage.Label(project, TelegramLimits.FitPlain(answer, ButtonValue)));
}
