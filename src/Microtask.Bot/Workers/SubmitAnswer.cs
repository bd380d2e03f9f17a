using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;

namespace Microtask.Bot.Workers;

/// <summary>An answer button of a task: option <paramref name="Option"/> of the project's choices.</summary>
internal sealed record SubmitAnswer(long AssignmentId, int Option) : IButtonCommand<SubmitAnswer>
{
    public static string Prefix => "a";

    public static Access Access => Access.Worker;

    public string Data => Callback.Data(Prefix, AssignmentId, Option);

    public static SubmitAnswer? Parse(CallbackArgs args) =>
        args.Count == 2 && args.Id(0) is { } id && args.Small(1) is { } option ? new(id, option) : null;
}

/// <summary>
/// The option is checked against the project, the assignment against the worker, and the message against the one the
/// live task is shown in: a task shown again answers only from its newest message (its older ones lost their buttons).
/// </summary>
internal sealed class SubmitAnswerHandler(WorkerTasks tasks, AnswerSubmission submission, Sender sender, TimeProvider time) : IHandler<SubmitAnswer>
{
    public async Task HandleAsync(SubmitAnswer command, UpdateContext ctx, CancellationToken ct)
    {
        if (await tasks.OwnAsync(ctx, command.AssignmentId, ct) is not { } claimed)
        {
            return;
        }

        // A press from a stale client on an older message of the live task; a late press is the submission's to refuse.
        if (claimed.Assignment.IsLive(time.GetUtcNow()) && claimed.Assignment.MessageId is { } shown && ctx.MessageId is { } pressed && shown != pressed)
        {
            await sender.NotifyAsync(ctx, WorkerMessages.ButtonInvalid, ct);
            return;
        }

        if (AnswerRules.Choice(claimed.Project, command.Option) is not { } choice)
        {
            await sender.NotifyAsync(ctx, WorkerMessages.ButtonInvalid, ct);
            return;
        }

        await submission.SubmitAsync(ctx, claimed, choice, ct);
    }
}
