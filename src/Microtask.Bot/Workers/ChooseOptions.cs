using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Views;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;

namespace Microtask.Bot.Workers;

/// <summary>
/// A press of a multiple-choice option: <paramref name="Mask"/> is the set of ticked options the press leads to
/// (<see cref="ChoiceSet"/>). The whole state rides in the data, so a press reads and writes no storage of its own.
/// </summary>
internal sealed record ToggleOption(long AssignmentId, int Mask) : IButtonCommand<ToggleOption>
{
    public static string Prefix => "mt";

    public static Access Access => Access.Worker;

    public string Data => Callback.Data(Prefix, AssignmentId, Mask);

    public static ToggleOption? Parse(CallbackArgs args) =>
        args.Count == 2 && args.Id(0) is { } id && MaskOf(args.Text(1)) is { } mask ? new(id, mask) : null;

    /// <summary>At most four digits: every mask of ten options and none-of-these fits.</summary>
    public static int? MaskOf(string text) =>
        text.Length <= 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var mask) ? mask : null;
}

/// <summary>A multiple-choice task's Done: the options ticked when the keyboard was drawn.</summary>
internal sealed record FinishOptions(long AssignmentId, int Mask) : IButtonCommand<FinishOptions>
{
    public static string Prefix => "md";

    public static Access Access => Access.Worker;

    public string Data => Callback.Data(Prefix, AssignmentId, Mask);

    public static FinishOptions? Parse(CallbackArgs args) =>
        args.Count == 2 && args.Id(0) is { } id && ToggleOption.MaskOf(args.Text(1)) is { } mask ? new(id, mask) : null;
}

/// <summary>
/// A toggle redraws the task's keyboard in place with the new ticks; Done stores the ticked set. Only the live task's
/// own message answers: a press on an older message, or after the lease ended, is refused as a dead button.
/// </summary>
internal sealed class ChooseOptionsHandler(WorkerTasks tasks, AnswerSubmission submission, Sender sender, TimeProvider time) :
    IHandler<ToggleOption>, IHandler<FinishOptions>
{
    public async Task HandleAsync(ToggleOption command, UpdateContext ctx, CancellationToken ct)
    {
        if (await LiveAsync(ctx, command.AssignmentId, command.Mask, ct) is not { } claimed)
        {
            return;
        }

        await sender.EditKeyboardAsync(ctx.ChatId, ctx.MessageId!.Value, WorkerKeyboards.Task(claimed, command.Mask), ct);
    }

    public async Task HandleAsync(FinishOptions command, UpdateContext ctx, CancellationToken ct)
    {
        if (await tasks.OwnAsync(ctx, command.AssignmentId, ct) is not { } claimed)
        {
            return;
        }

        if (claimed.Assignment.MessageId != ctx.MessageId || claimed.Project.Kind != AnswerKind.MultipleChoice || !ChoiceSet.Valid(claimed.Project, command.Mask))
        {
            await sender.NotifyAsync(ctx, WorkerMessages.ButtonInvalid, ct);
            return;
        }

        if (ChoiceSet.Answer(claimed.Project, command.Mask) is not { } answer)
        {
            ctx.Toast = claimed.Project.Settings.NoneOption ? WorkerMessages.ChooseFirstOrNone : WorkerMessages.ChooseFirst;
            return;
        }

        // Expired, already answered, an older message: the submission says so as it does for any answer button.
        await submission.SubmitAsync(ctx, claimed, answer, ct);
    }

    private async Task<ClaimedTask?> LiveAsync(UpdateContext ctx, long assignmentId, int mask, CancellationToken ct)
    {
        if (await tasks.OwnAsync(ctx, assignmentId, ct) is not { } claimed)
        {
            return null;
        }

        if (claimed.Assignment.MessageId != ctx.MessageId || !claimed.Assignment.IsLive(time.GetUtcNow()) || claimed.Project.Kind != AnswerKind.MultipleChoice
            || !ChoiceSet.Valid(claimed.Project, mask))
        {
            await sender.NotifyAsync(ctx, WorkerMessages.ButtonInvalid, ct);
            return null;
        }

        return claimed;
    }
}
