using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;

namespace Microtask.Bot.Workers;

/// <summary>Plain text from a worker: the answer to their free-text or number task (or the skip of a photo's place).</summary>
internal sealed class SubmitTypedAnswerHandler(WorkerTasks tasks, AnswerSubmission submission, PhotoPlaces places, Sender sender) : IHandler<TypedText>
{
    public async Task HandleAsync(TypedText command, UpdateContext ctx, CancellationToken ct)
    {
        if (await tasks.LiveAsync(ctx, ct) is not { } claimed)
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.NoOpenTask, WorkerKeyboards.Next(), ct);
            return;
        }

        // Written before the current task was shown, it answered an earlier one (a redelivered update, or typed
        // while the next task was on its way): it must not become this task's answer.
        if (claimed.Assignment.MessageId is { } shown && command.MessageId < shown)
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.AlreadyAnswered, ct: ct);
            return;
        }

        // A photo waiting for its place: the text may be the keyboard's "Save without location".
        if (await places.TypedAsync(ctx, claimed, command.Text, ct))
        {
            return;
        }

        if (claimed.Project.Kind.UsesButtons() || claimed.Project.Kind.UsesMedia())
        {
            await sender.SendAsync(ctx.ChatId, claimed.Project.Kind switch
            {
                AnswerKind.Voice => WorkerMessages.WantVoice,
                AnswerKind.Photo => WorkerMessages.WantPhoto,
                _ => WorkerMessages.UseButtons,
            }, ct: ct);
            return;
        }

        if (AnswerRules.ParseTyped(claimed.Project, command.Text) is not { } answer)
        {
            await sender.SendAsync(ctx.ChatId, Hint(claimed.Project.Kind, command.Text), ct: ct);
            return;
        }

        await submission.SubmitAsync(ctx, claimed, answer, ct);
    }

    private static string Hint(AnswerKind kind, string text) => kind switch
    {
        AnswerKind.Number when AnswerRules.ReadNumber(text).Reading == AnswerRules.NumberReading.OutOfRange => string.Format(
            CultureInfo.CurrentCulture, WorkerMessages.NumberTooLarge, AnswerRules.MaxNumberDigits, AnswerRules.MaxNumberDecimals),
        AnswerKind.Number => WorkerMessages.BadNumber,
        _ => WorkerMessages.BadText,
    };
}
