using System.Globalization;
using global::Telegram.Bot.Types.ReplyMarkups;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;
using Microtask.Storage.Coordination;

namespace Microtask.Bot.Workers;

/// <summary>
/// The optional question after a worker's 10th answer on a project, then at most once a week: one message with a row of
/// 1–5 per criterion, redrawn as each row is chosen, and Skip. Counted in Redis (or in-process), so an answer costs no
/// query; the database decides whether a week has passed only when the count is reached.
/// </summary>
internal sealed class RatingQuestions(
    IProjectAnswerCounters counters, RatingStore ratings, Sender sender, IOptions<WorkerOptions> options, ILogger<RatingQuestions> log)
{
    /// <summary>Counts an accepted answer; true when the worker has answered enough of the project to be asked now.</summary>
    public async Task<bool> CountAnswerAsync(long workerId, long projectId) =>
        options.Value.Ratings && await counters.IncrementAsync(workerId, projectId) >= ProjectRating.AskAfterAnswers;

    /// <summary>
    /// Sends the question as a message of its own (after the next task, never in its place), unless the worker was asked,
    /// skipped or rated this project in the last week; the count starts again either way. The answer is saved and the
    /// next task sent already: a failure here is logged, never shown.
    /// </summary>
    public async Task AskAsync(UpdateContext ctx, Project project, CancellationToken ct)
    {
        try
        {
            await counters.ResetAsync(ctx.Worker.Id, project.Id);
            if (await ratings.AskAsync(ctx.Worker.Id, project.Id, ct) is { } id)
            {
                var text = string.Format(CultureInfo.CurrentCulture, WorkerMessages.RatingQuestion, project.Id, Quotes.Of(project.Title, Quotes.Word), ProjectRating.MinWorkers);
                await sender.SendAsync(ctx.ChatId, text, Keyboard(new RatingPrompt(id, ctx.Worker.Id, project.Id, [null, null, null, null])), ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("Could not ask worker {WorkerId} to rate project {ProjectId}: {Error}", ctx.Worker.Id, project.Id, e.Message);
        }
    }

    /// <summary>A row per criterion: its sign (which explains it), then 1–5; a chosen row shows its score alone.</summary>
    public static InlineKeyboardMarkup Keyboard(RatingPrompt prompt)
    {
        var culture = CultureInfo.CurrentCulture;
        var rows = ProjectRating.Criteria.Select(c => prompt.Score(c) is { } chosen
            ? new[] { Keyboards.Button("✅ " + string.Format(culture, WorkerMessages.RatingChosen, Sign(c), Name(c), chosen), new RateProject(prompt.Id, (int)c, chosen)) }
            : Enumerable.Range(ProjectRating.MinScore, ProjectRating.MaxScore - ProjectRating.MinScore + 1)
                .Select(score => Keyboards.Button(score.ToString(culture), new RateProject(prompt.Id, (int)c, score)))
                .Prepend(Keyboards.Button(Sign(c), new RateProject(prompt.Id, (int)c, null)))
                .ToArray()).ToList();
        rows.Add([Keyboards.Button(WorkerMessages.RatingSkipButton, new SkipRating(prompt.Id))]);
        return new InlineKeyboardMarkup(rows);
    }

    public static string Sign(RatingCriterion criterion) => criterion switch
    {
        RatingCriterion.Pay => "💰",
        RatingCriterion.Clarity => "📖",
        RatingCriterion.Fairness => "⚖️",
        _ => "⏱",
    };

    public static string Name(RatingCriterion criterion) => WorkerMessages.ResourceManager.GetString("Rating_" + criterion, CultureInfo.CurrentUICulture)!;

    public static string Help(RatingCriterion criterion) => WorkerMessages.ResourceManager.GetString("RatingHelp_" + criterion, CultureInfo.CurrentUICulture)!;
}
