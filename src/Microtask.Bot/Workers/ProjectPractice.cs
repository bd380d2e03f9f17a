using System.Globalization;
using global::Telegram.Bot.Exceptions;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>An answer to one of a project's practice tasks: option <paramref name="Option"/> of the project's choices.</summary>
internal sealed record AnswerProjectPractice(long PracticeId, int Option) : IButtonCommand<AnswerProjectPractice>
{
    public static string Prefix => "pj";

    public static Access Access => Access.Worker;

    public string Data => Callback.Data(Prefix, PracticeId, Option);

    public static AnswerProjectPractice? Parse(CallbackArgs args) =>
        args.Count == 2 && args.Id(0) is { } id && args.Small(1) is { } option ? new(id, option) : null;
}

/// <summary>
/// A project's own practice, which a worker new to the project goes through before any of its tasks (its
/// qualification included): each practice task as a worker would see it, judged on the press with the right answer and
/// the requester's explanation, then the next, then the project's paid tasks. Nothing is leased, stored or paid but the
/// mark that the worker went through it; each button names its practice task, so a press needs no other state.
/// </summary>
internal sealed class ProjectPractice(PracticeStore store, TaskDelivery delivery, TaskOffers offers, Sender sender, ILogger<ProjectPractice> log)
    : IHandler<AnswerProjectPractice>
{
    public async Task HandleAsync(AnswerProjectPractice command, UpdateContext ctx, CancellationToken ct)
    {
        if (await store.GetAsync(command.PracticeId, ct) is not var (task, project) || AnswerRules.Choice(project, command.Option) is not { } choice)
        {
            await sender.NotifyAsync(ctx, WorkerMessages.ButtonInvalid, ct);
            return;
        }

        var right = AnswerRules.Normalize(choice) == AnswerRules.Normalize(task.GoldAnswer);
        var verdict = string.Format(
            CultureInfo.CurrentCulture,
            right ? WorkerMessages.PracticeRight : WorkerMessages.PracticeWrong,
            TaskMessage.Label(project, task.GoldAnswer),
            TaskTemplate.Escape(TelegramLimits.FitPlain(task.Explanation, AnswerSubmission.ExplanationShown)));
        var next = await store.NextAsync(project.Id, task.Id, ct);
        if (ctx.MessageId is { } id)
        {
            var status = next is null ? verdict + "\n\n" + WorkerMessages.ProjectPracticeDone : verdict;
            await delivery.EditAsync(ctx.ChatId, id, project, TaskMessage.Practice(project, task.Fields, task.Position, Count(project)), status, ct: ct);
        }

        if (next is not null && await ShowAsync(delivery, ctx.ChatId, project, next, log, ct))
        {
            return;
        }

        // Only the press that ends the practice goes on to the tasks: a second press of the last button shows its verdict.
        if (await store.FinishAsync(ctx.Worker.Id, project.Id, ct))
        {
            await offers.OfferNextAsync(ctx, ct);
        }
    }

    /// <summary>
    /// Sends a practice task with its choices; false when Telegram will not show it (a refused file, a text too long),
    /// in which case the practice is to be passed over rather than block the project.
    /// </summary>
    public static async Task<bool> ShowAsync(TaskDelivery delivery, long chatId, Project project, PracticeTask task, ILogger log, CancellationToken ct)
    {
        try
        {
            var keyboard = TaskMessage.Choices(project, option => new AnswerProjectPractice(task.Id, option));
            await delivery.SendAsync(chatId, project, task.Fields, TaskMessage.Practice(project, task.Fields, task.Position, Count(project)), keyboard, ct);
            return true;
        }
        catch (Exception e) when (e is MediaRefusedException or ApiRequestException { ErrorCode: 400 })
        {
            log.LogWarning("Practice task {PracticeId} of project {ProjectId} could not be shown: {Error}", task.Id, project.Id, e.Message);
            return false;
        }
    }

    private static int Count(Project project) => Math.Min(project.PracticeTasks, PracticeStore.MaxShown);
}
