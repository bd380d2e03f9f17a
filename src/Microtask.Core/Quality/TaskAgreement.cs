namespace Microtask.Core.Quality;

/// <summary>
/// How far one task's answers agree, as dynamic overlap reads it when a task has the answers it wanted: the aggregation's
/// own confidence below Dawid–Skene. Choice kinds: the share of the most common answer (stored answers are the project's
/// choices, checked when given). Multiple choice: each option is a yes/no vote, and the weakest option's majority share
/// counts. Free text: the share of the largest group after <see cref="AnswerRules.Normalize"/>. Number: the share within
/// <see cref="NumericMedian.RelativeTolerance"/> of the median. PostgreSQL's answer statement computes the same in SQL
/// (<c>overlap_tally</c>, behind <c>overlap_reached</c>, <c>overlap_decided</c> and <c>overlap_stops</c>, which the answers'
/// statement calls); the contract tests hold the two together.
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
    /// Whether a task that has the answers it wants stops there: the <paramref name="still"/> answers it may yet get up to
    /// its maximum cannot change its answer (<see cref="Decided"/>), or its answers agree at a target below 100 %. At
    /// 100 % agreement alone never stops a task whose answer can be decided (two answers of two agree at 100 % and three
    /// more could overturn them): 100 % means "until decided". Numbers, which are never decided, and voice and photo
    /// stop on agreement at any target.
    /// </summary>
    public static bool Stops(AnswerKind kind, IReadOnlyCollection<string> answers, int targetPercent, int still) =>
        Decided(kind, answers, still) || ((targetPercent < 100 || !CanBeDecided(kind)) && Reaches(kind, answers, targetPercent));

    /// <summary>
    /// Whether <paramref name="still"/> more answers, whatever they say, cannot change the answer these give: the most
    /// common answer leads the next by more than that (multiple choice: every option's yes/no split does). Such answers
    /// would be paid for a confidence they cannot change the result of. Numbers never are: each answer moves the median.
    /// </summary>
    public static bool Decided(AnswerKind kind, IEnumerable<string> answers, int still) =>
        CanBeDecided(kind) && Tally(kind, answers) is var (top, second, total) && total > 0 && top - second > still;

    /// <summary>The answers that agree, and the usable answers they are counted among.</summary>
    public static (int Agreeing, int Total) Of(AnswerKind kind, IEnumerable<string> answers)
    {
        var (top, _, total) = Tally(kind, answers);
        return (top, total);
    }

    private static bool CanBeDecided(AnswerKind kind) => kind != AnswerKind.Number && !kind.UsesMedia();

    /// <summary>
    /// The most common answer's count, the next one's (multiple choice: the weakest option's majority and its minority),
    /// and the usable answers.
    /// </summary>
    private static (int Top, int Second, int Total) Tally(AnswerKind kind, IEnumerable<string> answers) => kind switch
    {
        AnswerKind.Number => Numbers(answers.Select(NumericMedian.Parse).OfType<decimal>().ToList()),
        AnswerKind.FreeText => Groups(answers.Select(a => a.Trim()).Where(a => a.Length > 0).Select(AnswerRules.Normalize).ToList()),
        AnswerKind.MultipleChoice => Options(answers.Select(ChoiceSet.Read).OfType<IReadOnlyList<string>>().ToList()),
        _ => Groups(answers.ToList()),
    };

    private static (int, int, int) Groups(List<string> keys)
    {
        var counts = keys.GroupBy(k => k, StringComparer.Ordinal).Select(g => g.Count()).OrderDescending().Take(2).ToList();
        return (counts.ElementAtOrDefault(0), counts.ElementAtOrDefault(1), keys.Count);
    }

    /// <summary>The weakest option's majority (an option nobody ticked has every answer agreeing on "no").</summary>
    private static (int, int, int) Options(List<IReadOnlyList<string>> sets)
    {
        var n = sets.Count;
        var weakest = sets.SelectMany(s => s.Distinct(StringComparer.Ordinal)).GroupBy(o => o, StringComparer.Ordinal)
            .Select(g => Math.Max(g.Count(), n - g.Count()))
            .DefaultIfEmpty(n)
            .Min();
        return (weakest, n - weakest, n);
    }

    private static (int, int, int) Numbers(List<decimal> values)
    {
        if (values.Count == 0)
        {
            return (0, 0, 0);
        }

        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[mid] : NumericMedian.Midpoint(sorted[mid - 1], sorted[mid]);
        var margin = Math.Abs(median) * NumericMedian.RelativeTolerance;
        var agreeing = sorted.Count(v => NumericMedian.Agrees(v, median, margin));
        return (agreeing, sorted.Count - agreeing, sorted.Count);
    }
}
