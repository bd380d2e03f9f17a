using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// Whether a project's gold accuracy rule can judge anyone (<see cref="JudgingEstimate"/>), in words, with the numbers
/// and a change that would let it: under an upload's report, /rules and the project's quality question.
/// </summary>
internal sealed class JudgingNotes(QualityStore quality, TimeProvider time)
{
    /// <summary>The crowd a project's gold spreads over: the workers who answered anything in this window.</summary>
    public static readonly TimeSpan CrowdWindow = TimeSpan.FromDays(7);

    /// <summary>
    /// The project's rule against its gold tasks (with <paramref name="moreGold"/> of <paramref name="moreTasks"/> about to be
    /// imported); null when it can judge, is off, or the project has no tasks yet.
    /// </summary>
    public async Task<string?> ForProjectAsync(Project project, QualityRules rules, int moreGold = 0, int moreTasks = 0, CancellationToken ct = default)
    {
        if (rules.MinAccuracy == 0)
        {
            return null;
        }

        var tasks = await quality.GoldTasksAsync(project.Id, ct);
        if (tasks.Tasks + moreTasks == 0)
        {
            return null;
        }

        var estimate = JudgingEstimate.Of(rules, tasks.Gold + moreGold, tasks.Tasks + moreTasks, project.OverlapRule.Max, await CrowdAsync(ct)); // gold tasks take the maximum
        return Describe(estimate, project.Id);
    }

    /// <summary>Before any batch (the project's quality question): the gold rows the rule needs; null when it is off.</summary>
    public async Task<string?> ForDraftAsync(QualityRules rules, int overlap, CancellationToken ct = default)
    {
        if (rules.MinAccuracy == 0)
        {
            return null;
        }

        var estimate = JudgingEstimate.Before(rules, overlap, await CrowdAsync(ct));
        return string.Format(CultureInfo.CurrentCulture, QualityMessages.JudgingNeeds, estimate.MinGold, estimate.Overlap, estimate.Workers, estimate.GoldTasksNeeded);
    }

    /// <summary>The estimate in words with the change to make; null when the rule can judge.</summary>
    public static string? Describe(JudgingEstimate estimate, long projectId)
    {
        var c = CultureInfo.CurrentCulture;
        var problem = estimate.Chance switch
        {
            JudgingChance.Never => string.Format(c, QualityMessages.JudgingNever, estimate.MinGold, estimate.GoldTasks),
            JudgingChance.Unlikely => string.Format(
                c, QualityMessages.JudgingUnlikely, estimate.GoldTasks, estimate.Overlap, estimate.GoldAnswers, estimate.Workers, estimate.GoldPerWorker, estimate.MinGold),
            _ => null,
        };
        if (problem is null)
        {
            return null;
        }

        var fix = estimate.SuggestedAfter is { } after
            ? string.Format(c, QualityMessages.JudgingFix, estimate.GoldTasksMissing, projectId, after)
            : string.Format(c, QualityMessages.JudgingFixRows, estimate.GoldTasksMissing, projectId);
        return problem + " " + fix;
    }

    private Task<int> CrowdAsync(CancellationToken ct) => quality.ActiveWorkersAsync(time.GetUtcNow() - CrowdWindow, ct);
}
