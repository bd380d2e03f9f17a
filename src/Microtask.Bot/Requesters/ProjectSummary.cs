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
            project.Overlap,
            Durations.Short(project.TimeLimit),
            project.DailyCap?.ToString("N0", CultureInfo.CurrentCulture) ?? RequesterMessages.NoCap,
            currency.Format(budget),
            project.Reward == 0 ? "∞" : answers.ToString("N0", CultureInfo.CurrentCulture),
            project.Reward == 0 ? "∞" : (answers / project.Overlap).ToString("N0", CultureInfo.CurrentCulture),
            Columns(project),
            QualityTexts.Describe(project.Rules, project.GoldPercent));
    }

    /// <summary>The template's fields, which a batch's columns must name.</summary>
    public static string Columns(Project project) =>
        string.Join(", ", TaskTemplate.Fields(project.Template).Select(f => $"<code>{TaskTemplate.Escape(f)}</code>"));
}
