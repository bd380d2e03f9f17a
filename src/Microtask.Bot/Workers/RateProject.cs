using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>
/// A press on a rating question's row: <paramref name="Score"/> from 1 to 5, or null for the row's sign, which explains
/// the criterion. Criterion and score are only the client's claim: the handler checks their range.
/// </summary>
internal sealed record RateProject(long PromptId, int Criterion, int? Score) : IButtonCommand<RateProject>
{
    public static string Prefix => "rt";

    public static Access Access => Access.Worker;

    public string Data => Score is { } score ? Callback.Data(Prefix, PromptId, Criterion, score) : Callback.Data(Prefix, PromptId, Criterion);

    public static RateProject? Parse(CallbackArgs args) => args.Count switch
    {
        2 when args.Id(0) is { } id && args.Small(1) is { } criterion => new(id, criterion, null),
        3 when args.Id(0) is { } id && args.Small(1) is { } criterion && args.Small(2) is { } score => new(id, criterion, score),
        _ => null,
    };
}

/// <summary>A rating question's Skip: closed unrated, and no question about that project for a week.</summary>
internal sealed record SkipRating(long PromptId) : IButtonCommand<SkipRating>
{
    public static string Prefix => "rs";

    public static Access Access => Access.Worker;

    public string Data => Callback.Data(Prefix, PromptId);

    public static SkipRating? Parse(CallbackArgs args) => args.Count == 1 && args.Id(0) is { } id ? new(id) : null;
}

/// <summary>
/// Each row chosen redraws the question's buttons; the fourth stores the rating and thanks the worker in place of the
/// question. A row chosen already, another worker's question, a closed or week-old one, or a value out of range is
/// answered with a notice, and nothing changes.
/// </summary>
internal sealed class RateProjectHandler(RatingStore ratings, Sender sender) : IHandler<RateProject>, IHandler<SkipRating>
{
    public async Task HandleAsync(RateProject command, UpdateContext ctx, CancellationToken ct)
    {
        if (!ProjectRating.IsCriterion(command.Criterion) || command.Score is { } claimed && !ProjectRating.IsScore(claimed))
        {
            ctx.Toast = WorkerMessages.RatingOutOfRange;
            return;
        }

        var criterion = (RatingCriterion)command.Criterion;
        if (command.Score is not { } score)
        {
            ctx.Toast = RatingQuestions.Help(criterion);
            return;
        }

        var (press, prompt) = await ratings.RateAsync(command.PromptId, ctx.Worker.Id, criterion, score, ct);
        switch (press)
        {
            case RatingPress.Saved when ctx.MessageId is { } id:
                await sender.EditKeyboardAsync(ctx.ChatId, id, RatingQuestions.Keyboard(prompt!), ct);
                break;
            case RatingPress.Rated when ctx.MessageId is { } id:
                await sender.EditAsync(ctx.ChatId, id, Thanks(prompt!), null, ct);
                break;
            case RatingPress.AlreadyChosen:
                ctx.Toast = string.Format(CultureInfo.CurrentCulture, WorkerMessages.RatingAlreadyChosen, RatingQuestions.Name(criterion), prompt!.Score(criterion));
                break;
            default:
                ctx.Toast = Refusal(press);
                break;
        }
    }

    public async Task HandleAsync(SkipRating command, UpdateContext ctx, CancellationToken ct)
    {
        var (press, prompt) = await ratings.SkipAsync(command.PromptId, ctx.Worker.Id, ct);
        if (press != RatingPress.Skipped)
        {
            ctx.Toast = Refusal(press);
            return;
        }

        if (ctx.MessageId is { } id)
        {
            await sender.EditAsync(ctx.ChatId, id, string.Format(CultureInfo.CurrentCulture, WorkerMessages.RatingSkipped, prompt!.ProjectId), null, ct);
        }
    }

    private static string Thanks(RatingPrompt prompt) => string.Format(
        CultureInfo.CurrentCulture,
        WorkerMessages.RatingThanks,
        prompt.ProjectId,
        string.Join(" · ", ProjectRating.Criteria.Select(c => string.Format(CultureInfo.CurrentCulture, WorkerMessages.RatingChosen, RatingQuestions.Sign(c), RatingQuestions.Name(c), prompt.Score(c)))),
        ProjectRating.MinWorkers);

    private static string Refusal(RatingPress press) => press == RatingPress.NotYours ? WorkerMessages.RatingNotYours : WorkerMessages.RatingClosed;
}
