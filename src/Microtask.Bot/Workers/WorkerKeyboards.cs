using global::Telegram.Bot.Types.ReplyMarkups;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Core;

namespace Microtask.Bot.Workers;

/// <summary>The worker's buttons: a task's answers, Skip and Report; the reasons of a report; Next task.</summary>
internal static class WorkerKeyboards
{
    /// <param name="mask">For multiple choice, the options ticked so far (<see cref="ChoiceSet"/>).</param>
    public static InlineKeyboardMarkup Task(ClaimedTask claimed, int mask = 0)
    {
        var id = claimed.Assignment.Id;
        return claimed.Project.Kind == AnswerKind.MultipleChoice
            ? TaskMessage.Toggles(claimed.Project, mask, i => new ToggleOption(id, ChoiceSet.Toggle(mask, i)), new FinishOptions(id, mask), new SkipTask(id), new ReportTask(id))
            : TaskMessage.Keyboard(claimed.Project, i => new SubmitAnswer(id, i), new SkipTask(id), new ReportTask(id));
    }

    public static InlineKeyboardMarkup ReportReasons(long assignmentId) => new(
    [
        [
            Keyboards.Button(WorkerMessages.ReasonOffensive, new ReportTaskReason(assignmentId, (int)ReportReason.Offensive)),
            Keyboards.Button(WorkerMessages.ReasonBroken, new ReportTaskReason(assignmentId, (int)ReportReason.Broken)),
            Keyboards.Button(WorkerMessages.ReasonUnclear, new ReportTaskReason(assignmentId, (int)ReportReason.Unclear)),
        ],
    ]);

    public static InlineKeyboardMarkup Next() => Keyboards.Single(WorkerMessages.NextButton, new NextTaskButton());
}
