namespace Microtask.Core.Quality;

/// <summary>
/// When workers' disputes set a gold task aside: enough of them, in good standing, and the task's own answers agreeing
/// on another value than its gold answer, at high confidence.
/// </summary>
/// <param name="CrowdAnswer">The value the crowd agrees on, as most of its workers spelled it.</param>
/// <param name="CrowdCount">The answers that gave it (compared as gold answers are: case and spaces aside).</param>
/// <param name="Answers">The answers counted.</param>
/// <param name="Disputes">The workers in good standing who disputed the gold answer.</param>
public sealed record GoldDispute(string CrowdAnswer, int CrowdCount, int Answers, int Disputes)
{
    /// <summary>Disputes from this many workers in good standing before the evidence is weighed.</summary>
    public const int MinDisputes = 3;

    /// <summary>The fewest answers a crowd's agreement is read from.</summary>
    public const int MinAnswers = 3;

    /// <summary>The share of the answers, in percent, that must agree on one value other than the gold.</summary>
    public const int MinSharePercent = 70;

    /// <summary>
    /// The crowd's case against <paramref name="gold"/>: its answers' most common value when it is not the gold and at
    /// least <see cref="MinSharePercent"/> % of at least <see cref="MinAnswers"/> answers gave it, with at least
    /// <see cref="MinDisputes"/> disputes; null when the case is not made.
    /// </summary>
    public static GoldDispute? Against(string gold, IReadOnlyList<string> answers, int disputes)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (disputes < MinDisputes || answers.Count < MinAnswers)
        {
            return null;
        }

        var top = answers.GroupBy(AnswerRules.Normalize, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        var count = top.Count();
        if (top.Key == AnswerRules.Normalize(gold) || count * 100 < MinSharePercent * answers.Count)
        {
            return null;
        }

        var spelling = top.GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        return new(spelling, count, answers.Count, disputes);
    }

    /// <summary>
    /// Whether the project's gold rules would suspend a worker with <paramref name="record"/>: the qualification failed
    /// once all its gold answers are in, or the accuracy below the bar. A suspension by either that a recomputed record
    /// no longer earns was the faulty gold's doing.
    /// </summary>
    public static bool GoldRulesSuspend(QualityRules rules, QualityRecord record)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(record);
        var qualificationFails = rules.Qualification > 0 && !record.Qualified && record.GoldTotal >= rules.Qualification
            && !rules.QualificationPassed(record.GoldCorrect, record.GoldTotal);
        return qualificationFails || rules.AccuracyFails(record.GoldCorrect, record.GoldTotal);
    }
}
