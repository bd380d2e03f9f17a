using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// Whether a project's budget covers its tasks at their maximum, said under an upload's report: the budget is one pot
/// that each answer draws on, so nothing is set aside per task, and a project whose pot runs dry pauses.
/// </summary>
internal sealed class BudgetNotes(OverlapStore overlaps, IOptions<MicrotaskOptions> options)
{
    /// <summary>
    /// With <paramref name="newTasks"/> about to be imported, the note that the budget left pays for fewer answers than
    /// the tasks may want at their maximum; null when it covers them or the project pays nothing or has no budget.
    /// </summary>
    public async Task<string?> ForUploadAsync(Project project, int newTasks, CancellationToken ct = default)
    {
        if (project is not { Budget: { } budget, Reward: > 0 and var reward })
        {
            return null;
        }

        var most = project.OverlapRule.Max;
        var wanted = await overlaps.AnswersWantedAsync(project.Id, ct) + ((long)newTasks * most);
        var pays = Math.Max(0, budget) / reward;
        return pays >= wanted
            ? null
            : string.Format(CultureInfo.CurrentCulture, RequesterMessages.BudgetShortNote, options.Value.Currency.Format(budget), pays, wanted, most);
    }
}
