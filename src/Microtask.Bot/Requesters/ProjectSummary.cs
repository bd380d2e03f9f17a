using System.Globalization;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Core;

namespace Microtask.Bot.Requesters;

/// <summary>A project's settings as its requester reads them under the preview and after activation.</summary>
internal static class ProjectSummary
{
    public static string Text(Project project, CurrencyOptions currency)
    {
        var budget = project.Budget ?? 0;
        var answers = project.Reward == 0 ? 0 : budget / project.Reward;
        return string.Format(
            CultureInfo.CurrentCulture,
            RequesterMessages.PreviewSummary,
            project.Id,
            currency.Format(project.Reward),
            OverlapText.Short(project.OverlapRule),
            Durations.Short(project.TimeLimit),
            project.DailyCap?.ToString("N0", CultureInfo.CurrentCulture) ?? RequesterMessages.NoCap,
            currency.Format(budget),
            project.Reward == 0 ? "∞" : answers.ToString("N0", CultureInfo.CurrentCulture),
            TasksPaid(project.OverlapRule, project.Reward == 0 ? null : answers),
            Columns(project),
            QualityTexts.Describe(project.Rules, project.GoldPercent));
    }

    /// <summary>
    /// The tasks the budget pays for: at a dynamic overlap's maximum first (what it is sure to pay for), then at its
    /// minimum (what it pays for if every task agrees at once).
    /// </summary>
    private static string TasksPaid(OverlapRule overlap, long? answers)
    {
        string Tasks(int each) => answers is { } n ? (n / each).ToString("N0", CultureInfo.CurrentCulture) : "∞";
        return overlap.Dynamic
            ? string.Format(CultureInfo.CurrentCulture, RequesterMessages.BudgetTasksDynamic, Tasks(overlap.Max), overlap.Max, Tasks(overlap.Min), overlap.Min)
            : string.Format(CultureInfo.CurrentCulture, RequesterMessages.BudgetTasksFixed, Tasks(overlap.Min), overlap.Min);
    }

    /// <summary>The template's fields, which a batch's columns must name.</summary>
    public static string Columns(Project project) =>
        string.Join(", ", TaskTemplate.Fields(project.Template).Select(f => $"<code>{TaskTemplate.Escape(f)}</code>"));
}
