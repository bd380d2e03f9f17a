using System.Globalization;
using global::Telegram.Bot.Types.ReplyMarkups;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>/review N; the argument as typed.</summary>
internal sealed record ReviewTasks(string? Argument) : ITypedCommand<ReviewTasks>
{
    public static string Trigger => "/review";

    public static Access Access => Access.Requester;

    public static ReviewTasks Parse(string? argument) => new(argument);
}

/// <summary>A review's answer button: option <paramref name="Option"/> of the project's choices as the task's final answer.</summary>
internal sealed record SettleTask(long TaskId, int Option) : IButtonCommand<SettleTask>
{
    public static string Prefix => "rv";

    public static Access Access => Access.Requester;

    public string Data => Callback.Data(Prefix, TaskId, Option);

    public static SettleTask? Parse(CallbackArgs args) =>
        args.Count == 2 && args.Id(0) is { } id && args.Small(1) is { } option ? new(id, option) : null;
}

/// <summary>A review's Skip: leave the task to the crowd and show the next.</summary>
internal sealed record SkipReviewTask(long TaskId) : IButtonCommand<SkipReviewTask>
{
    public static string Prefix => "rk";

    public static Access Access => Access.Requester;

    public string Data => Callback.Data(Prefix, TaskId);

    public static SkipReviewTask? Parse(CallbackArgs args) => args.Count == 1 && args.Id(0) is { } id ? new(id) : null;
}

/// <summary>Make it gold: a settled task becomes a gold task with its final answer.</summary>
internal sealed record MakeReviewedGold(long TaskId) : IButtonCommand<MakeReviewedGold>
{
    public static string Prefix => "rg";

    public static Access Access => Access.Requester;

    public string Data => Callback.Data(Prefix, TaskId);

    public static MakeReviewedGold? Parse(CallbackArgs args) => args.Count == 1 && args.Id(0) is { } id ? new(id) : null;
}

/// <summary>
/// /review N walks the requester through the answered tasks the crowd is least sure of, one message each: the task as
/// a worker saw it, its answers counted, and a button per choice. One press settles the task (its message is edited to
/// say so, with Make it gold) and brings the next; the requester's answer wins in /results, marked as theirs. The
/// order is fixed when /review starts; a task someone settled meanwhile is refused, never settled twice.
/// </summary>
internal sealed class ReviewTasksHandler(
    OwnedProject owned, ProjectStore projects, ResultStore results, ReviewStore reviews, TaskDelivery delivery, Telegram.Sending.Sender sender, TimeProvider time)
    : IHandler<ReviewTasks>, IHandler<SettleTask>, IHandler<SkipReviewTask>, IHandler<MakeReviewedGold>
{
    /// <summary>Tasks the crowd is at least this sure of are not worth the requester's look.</summary>
    public const double SureEnough = 0.9;

    /// <summary>The most tasks one review walks through.</summary>
    public const int MaxQueued = 100;

    public async Task HandleAsync(ReviewTasks command, UpdateContext ctx, CancellationToken ct)
    {
        if (await owned.ResolveAsync(ctx, command.Argument, RequesterMessages.ReviewUsage, ct) is not { } project)
        {
            return;
        }

        if (project.Kind is not (AnswerKind.SingleChoice or AnswerKind.YesNo or AnswerKind.Rating or AnswerKind.Pairwise))
        {
            await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.ReviewKinds, project.Id), ct: ct);
            return;
        }

        await reviews.QueueAsync(project.Id, await LeastSureAsync(project, ct), ct);
        if (await reviews.NextAsync(project.Id, 0, ct) is { } first)
        {
            await ShowAsync(ctx, project, first, ct);
            return;
        }

        await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.ReviewNothing, project.Id, SureEnough), ct: ct);
    }

    public async Task HandleAsync(SettleTask command, UpdateContext ctx, CancellationToken ct)
    {
        if (await OwnAsync(ctx, command.TaskId, ct) is not var (item, project))
        {
            return;
        }

        if (AnswerRules.Choice(project, command.Option) is not { } choice)
        {
            ctx.Toast = WorkerMessages.ButtonInvalid;
            return;
        }

        if (item.Final is { } earlier || !await reviews.SettleAsync(item.TaskId, project.Id, choice, ctx.Worker.Id, ct))
        {
            var settled = item.Final ?? (await reviews.FindAsync(item.TaskId, ct))?.Final ?? choice;
            ctx.Toast = string.Format(CultureInfo.CurrentCulture, RequesterMessages.ReviewAlreadySettled, TaskMessage.Label(project, settled));
            return;
        }

        await EditAsync(ctx, project, item, string.Format(CultureInfo.CurrentCulture, RequesterMessages.ReviewSettled, TaskMessage.Label(project, choice)),
            Keyboards.Single(RequesterMessages.ReviewGoldButton, new MakeReviewedGold(item.TaskId)), ct);
        await NextAsync(ctx, project, item, ct);
    }

    public async Task HandleAsync(SkipReviewTask command, UpdateContext ctx, CancellationToken ct)
    {
        if (await OwnAsync(ctx, command.TaskId, ct) is not var (item, project))
        {
            return;
        }

        await EditAsync(ctx, project, item, RequesterMessages.ReviewSkipped, null, ct);
        await NextAsync(ctx, project, item, ct);
    }

    public async Task HandleAsync(MakeReviewedGold command, UpdateContext ctx, CancellationToken ct)
    {
        if (await OwnAsync(ctx, command.TaskId, ct) is not var (item, project))
        {
            return;
        }

        if (item.Gold || item.Final is null || !await reviews.MakeGoldAsync(item.TaskId, ct))
        {
            ctx.Toast = item.Gold ? RequesterMessages.ReviewAlreadyGold : WorkerMessages.ButtonInvalid;
            return;
        }

        var label = TaskMessage.Label(project, item.Final);
        await EditAsync(ctx, project, item, string.Format(CultureInfo.CurrentCulture, RequesterMessages.ReviewSettled, label) + "\n"
            + string.Format(CultureInfo.CurrentCulture, RequesterMessages.ReviewMadeGold, label), null, ct);
    }

    /// <summary>
    /// The project's answered tasks that are neither gold nor settled and that the crowd is less than
    /// <see cref="SureEnough"/> sure of, the least sure first (then the most answered): the results' own aggregation, over
    /// the answers the results keep.
    /// </summary>
    private async Task<List<(long TaskId, IReadOnlyDictionary<string, int> Answers, double Confidence)>> LeastSureAsync(Project project, CancellationToken ct)
    {
        var decided = await reviews.DecidedAsync(project.Id, ct);
        var unsure = new List<(long TaskId, IReadOnlyDictionary<string, int> Answers, double Confidence)>();
        await using var snapshot = await results.SnapshotAsync(project.Id, project.Rules.ExcludeSuspended ? time.GetUtcNow() : null, ct);
        await foreach (var (task, _, result) in AggregatedTasks.ReadAsync(project, snapshot, worker => worker.ToString(CultureInfo.InvariantCulture), ct))
        {
            if (task.Answers.Count > 0 && !decided.Contains(task.Id) && result is not null && (result.Confidence < SureEnough || result.Tie))
            {
                unsure.Add((task.Id, task.Answers.GroupBy(a => a.Value).ToDictionary(g => g.Key, g => g.Count()), result.Confidence));
            }
        }

        return [.. unsure.OrderBy(t => t.Confidence).ThenByDescending(t => t.Answers.Values.Sum()).ThenBy(t => t.TaskId).Take(MaxQueued)];
    }

    /// <summary>The task behind a review button, if it is still in a review and of the presser's own project; else they are told.</summary>
    private async Task<(ReviewedTask Item, Project Project)?> OwnAsync(UpdateContext ctx, long taskId, CancellationToken ct)
    {
        if (await reviews.FindAsync(taskId, ct) is not { } item || await projects.FindAsync(item.ProjectId, ct) is not { } project)
        {
            ctx.Toast = WorkerMessages.ButtonInvalid;
            return null;
        }

        if (project.RequesterId != ctx.Worker.Id)
        {
            ctx.Toast = RequesterMessages.ReviewNotYours;
            return null;
        }

        return (item, project);
    }

    private async Task NextAsync(UpdateContext ctx, Project project, ReviewedTask after, CancellationToken ct)
    {
        if (await reviews.NextAsync(project.Id, after.Rank, ct) is { } next)
        {
            await ShowAsync(ctx, project, next, ct);
            return;
        }

        await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.ReviewDone, project.Id), ct: ct);
    }

    private async Task ShowAsync(UpdateContext ctx, Project project, ReviewedTask item, CancellationToken ct)
    {
        var choices = TaskMessage.Choices(project, option => new SettleTask(item.TaskId, option));
        var keyboard = new InlineKeyboardMarkup(choices.InlineKeyboard.Append([Keyboards.Button(RequesterMessages.ReviewSkipButton, new SkipReviewTask(item.TaskId))]));
        await delivery.SendAsync(ctx.ChatId, project, item.Fields, Text(project, item) + "\n\n" + RequesterMessages.ReviewPick, keyboard, ct);
    }

    private Task EditAsync(UpdateContext ctx, Project project, ReviewedTask item, string status, InlineKeyboardMarkup? keyboard, CancellationToken ct) =>
        ctx.MessageId is { } id ? delivery.EditAsync(ctx.ChatId, id, project, Text(project, item), status, keyboard, ct) : Task.CompletedTask;

    private static string Text(Project project, ReviewedTask item)
    {
        var culture = CultureInfo.CurrentCulture;
        var counts = string.Join(" · ", item.Answers.OrderByDescending(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => $"{TaskMessage.Label(project, a.Key)} ×{a.Value.ToString("N0", culture)}"));
        return string.Format(culture, RequesterMessages.ReviewHeader, project.Id, item.Rank, item.Queued) + "\n\n"
            + TaskMessage.Body(project, item.Fields) + "\n\n"
            + string.Format(culture, RequesterMessages.ReviewAnswers, counts, item.Confidence);
    }
}
