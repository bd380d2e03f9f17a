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
    /// <summary>
    /// The crowd's case against <paramref name="gold"/>: its answers' most common value when it is not the gold and at
    /// least the thresholds' share of at least their answers gave it, with at least their disputes
    /// (<see cref="DisputeThresholds.Default"/> when none are given); null when the case is not made.
    /// </summary>
    public static GoldDispute? Against(string gold, IReadOnlyList<string> answers, int disputes, DisputeThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var bar = thresholds ?? DisputeThresholds.Default;
        if (disputes < bar.Disputes || answers.Count < bar.Answers || answers.Count == 0)
        {
            return null;
        }

        var top = answers.GroupBy(AnswerRules.Normalize, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        var count = top.Count();
        if (top.Key == AnswerRules.Normalize(gold) || count * 100 < bar.SharePercent * answers.Count)
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

/// <summary>
/// What it takes for disputes to set a gold task aside: this many disputes from workers in good standing, and at least
/// <paramref name="SharePercent"/> % of at least <paramref name="Answers"/> of the task's answers on one value other
/// than the gold.
/// </summary>
public sealed record DisputeThresholds(int Disputes, int Answers, int SharePercent)
{
    /// <summary>3 disputes; 70 % of at least 3 answers.</summary>
    public static DisputeThresholds Default { get; } = new(3, 3, 70);
}
