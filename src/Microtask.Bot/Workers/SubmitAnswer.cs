using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Core;

namespace Microtask.Bot.Workers;

/// <summary>An answer button: the option is checked against the project, the assignment against the worker.</summary>
internal sealed class SubmitAnswer(TaskFlow flow) : IHandler<AnswerPressed>
{
    public async Task HandleAsync(AnswerPressed command, UpdateContext ctx, CancellationToken ct)
    {
        if (await flow.OwnAsync(ctx, command.AssignmentId, ct) is not { } claimed)
        {
            return;
        }

        if (AnswerRules.Choice(claimed.Project, command.Option) is not { } choice)
        {
            await flow.NotifyAsync(ctx, WorkerMessages.ButtonInvalid, ct);
            return;
        }

        await flow.SubmitAsync(ctx, claimed, choice, ct);
    }
}

/// <summary>A typed reply: the answer to a free-text or number task.</summary>
internal sealed class SubmitTextAnswer(TaskFlow flow, Sender sender) : IHandler<TextReply>
{
    public async Task HandleAsync(TextReply command, UpdateContext ctx, CancellationToken ct)
    {
        if (await flow.LiveAsync(ctx, ct) is not { } claimed)
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.NoOpenTask, TaskMessage.Next(), ct);
            return;
        }

        // Written before the current task was shown, it answered an earlier one (a redelivered update, or typed
        // while the next task was on its way): it must not become this task's answer.
        if (claimed.Assignment.MessageId is { } shown && command.MessageId < shown)
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.AlreadyAnswered, ct: ct);
            return;
        }

        if (claimed.Project.Kind.UsesButtons())
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.UseButtons, ct: ct);
            return;
        }

        if (AnswerRules.ParseTyped(claimed.Project, command.Text) is not { } answer)
        {
            var hint = claimed.Project.Kind == AnswerKind.Number ? WorkerMessages.BadNumber : WorkerMessages.BadText;
            await sender.SendAsync(ctx.ChatId, hint, ct: ct);
            return;
        }

        await flow.SubmitAsync(ctx, claimed, answer, ct);
    }
}
