namespace Microtask.Core.Quality;

/// <summary>
/// How far one task's answers agree, as dynamic overlap reads it when a task has the answers it wanted: the aggregation's
/// own confidence below Dawid–Skene. Choice kinds: the share of the most common answer (stored answers are the project's
/// choices, checked when given). Multiple choice: each option is a yes/no vote, and the weakest option's majority share
/// counts. Free text: the share of the largest group after <see cref="AnswerRules.Normalize"/>. Number: the share within
/// <see cref="NumericMedian.RelativeTolerance"/> of the median. PostgreSQL's answer statement computes the same in SQL
/// (functions <c>overlap_reached</c> and <c>overlap_decided</c>); the contract tests hold the two together.
/// </summary>
public static class TaskAgreement
{
    /// <summary>
    /// Whether the answers agree at <paramref name="targetPercent"/> or more (compared in whole numbers: agreeing × 100 ≥
    /// target × answers). Voice and photo answers are never compared, so they always stop at the minimum; a task with no
    /// usable answer never agrees.
    /// </summary>
    public static bool Reaches(AnswerKind kind, IReadOnlyCollection<string> answers, int targetPercent)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (kind.UsesMedia())
        {
            return true;
        }

        var (agreeing, total) = Of(kind, answers);
        return total > 0 && (long)agreeing * 100 >= (long)targetPercent * total;
    }

    /// <summary>
    /// Whether a task that has the answers it wants stops there: they agree at the target, or the <paramref name="still"/>
    /// answers it may yet get up to its maximum cannot change its answer (<see cref="Decided"/>).
    /// </summary>
    public static bool Stops(AnswerKind kind, IReadOnlyCollection<string> answers, int targetPercent, int still) =>
        Reaches(kind, answers, targetPercent) || Decided(kind, answers, still);

    /// <summary>
    /// Whether <paramref name="still"/> more answers, whatever they say, cannot change the answer these give: the most
    /// common answer leads the next by more than that (multiple choice: every option's yes/no split does). Such answers
    /// would be paid for a confidence they cannot change the result of. Numbers never are: each answer moves the median.
    /// </summary>
    public static bool Decided(AnswerKind kind, IEnumerable<string> answers, int still)
    {
        var (lead, total) = kind switch
        {
            AnswerKind.Number => (0, 0),
            AnswerKind.FreeText => Lead(answers.Select(a => a.Trim()).Where(a => a.Length > 0).Select(AnswerRules.Normalize).ToList()),
            AnswerKind.MultipleChoice => OptionsLead(answers.Select(ChoiceSet.Read).OfType<IReadOnlyList<string>>().ToList()),
            _ => Lead(answers.ToList()),
        };
        return total > 0 && lead > still;
    }

    /// <summary>The answers that agree, and the usable answers they are counted among.</summary>
    public static (int Agreeing, int Total) Of(AnswerKind kind, IEnumerable<string> answers) => kind switch
    {
        AnswerKind.Number => Numbers(answers.Select(NumericMedian.Parse).OfType<decimal>().ToList()),
        AnswerKind.FreeText => Largest(answers.Select(a => a.Trim()).Where(a => a.Length > 0).Select(AnswerRules.Normalize).ToList()),
        AnswerKind.MultipleChoice => Options(answers.Select(ChoiceSet.Read).OfType<IReadOnlyList<string>>().ToList()),
        _ => Largest(answers.ToList()),
    };

    private static (int, int) Largest(List<string> keys) =>
        (keys.Count == 0 ? 0 : keys.GroupBy(k => k, StringComparer.Ordinal).Max(g => g.Count()), keys.Count);

    /// <summary>How far the most common answer leads the next (all of them when it is alone), and the answers.</summary>
    private static (int, int) Lead(List<string> keys)
    {
        var counts = keys.GroupBy(k => k, StringComparer.Ordinal).Select(g => g.Count()).OrderDescending().Take(2).ToList();
        return (counts.Count switch { 0 => 0, 1 => counts[0], _ => counts[0] - counts[1] }, keys.Count);
    }

    /// <summary>The narrowest yes/no lead among the options ticked (an option nobody ticked leads by every answer).</summary>
    private static (int, int) OptionsLead(List<IReadOnlyList<string>> sets)
    {
        var n = sets.Count;
        var narrowest = sets.SelectMany(s => s.Distinct(StringComparer.Ordinal)).GroupBy(o => o, StringComparer.Ordinal)
            .Select(g => Math.Abs((2 * g.Count()) - n))
            .DefaultIfEmpty(n)
            .Min();
        return (narrowest, n);
    }

    /// <summary>The weakest option's majority (an option nobody ticked has every answer agreeing on "no").</summary>
    private static (int, int) Options(List<IReadOnlyList<string>> sets)
    {
        var n = sets.Count;
        var weakest = sets.SelectMany(s => s.Distinct(StringComparer.Ordinal)).GroupBy(o => o, StringComparer.Ordinal)
            .Select(g => Math.Max(g.Count(), n - g.Count()))
            .DefaultIfEmpty(n)
            .Min();
        return (weakest, n);
    }

    private static (int, int) Numbers(List<decimal> values)
    {
        if (values.Count == 0)
        {
            return (0, 0);
        }

        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[mid] : NumericMedian.Midpoint(sorted[mid - 1], sorted[mid]);
        var margin = Math.Abs(median) * NumericMedian.RelativeTolerance;
        return (sorted.Count(v => NumericMedian.Agrees(v, median, margin)), sorted.Count);
    }
}
