namespace Microtask.Core.Quality;

/// <summary>How likely a project's gold accuracy rule is to judge its workers at all.</summary>
public enum JudgingChance
{
    /// <summary>The rule is off (accuracy 0 %): there is nothing to judge.</summary>
    Off,

    /// <summary>Fewer gold tasks than the rule's "after": no worker can ever give that many gold answers.</summary>
    Never,

    /// <summary>The gold answers there are, spread over the crowd, come to fewer per worker than "after".</summary>
    Unlikely,

    /// <summary>A worker can be expected to give the gold answers the rule waits for.</summary>
    Likely,
}

/// <summary>
/// Whether a project's accuracy rule ("suspend below X % after N gold answers") can be expected to judge anyone, from
/// its gold tasks, its overlap and the crowd that works on it. A gold task goes to at most overlap workers and to each
/// worker once, so the project hands out at most G × O gold answers in all and at most G to one worker; spread over W
/// workers, a worker gives about min(G, G × O / W). Below N the rule rarely judges, and below N gold tasks it never can.
/// </summary>
/// <param name="GoldTasks">G: the project's gold tasks.</param>
/// <param name="Overlap">O: the workers each task goes to.</param>
/// <param name="Workers">W: the workers the gold answers spread over, at least O (every task needs O of them) and at most every slot's own.</param>
/// <param name="GoldPerWorker">About how many gold answers one worker gives.</param>
/// <param name="GoldTasksNeeded">The gold tasks that would give each of W workers N gold answers (never fewer than N).</param>
/// <param name="SuggestedAfter">A lower "after" the gold there is can meet; null when that would be below <see cref="LowestSuggestedAfter"/>.</param>
public sealed record JudgingEstimate(
    JudgingChance Chance, int GoldTasks, int Overlap, int Workers, int MinGold, double GoldPerWorker, int GoldTasksNeeded, int? SuggestedAfter)
{
    /// <summary>
    /// The lowest "after" worth suggesting: the smoothed accuracy after one or two gold answers says little, and one
    /// wrong answer would already suspend.
    /// </summary>
    public const int LowestSuggestedAfter = 3;

    /// <summary>The gold rows to add for the rule to judge (zero when it already can).</summary>
    public int GoldTasksMissing => Math.Max(0, GoldTasksNeeded - GoldTasks);

    /// <summary>G × O: every gold answer the project hands out.</summary>
    public long GoldAnswers => (long)GoldTasks * Overlap;

    /// <param name="goldTasks">The project's gold tasks (those of a batch about to be imported included).</param>
    /// <param name="tasks">All its tasks, gold included: no more workers than answers take part.</param>
    /// <param name="overlap">The project's overlap.</param>
    /// <param name="activeWorkers">The crowd: the workers who answered recently (any project); fewer than <paramref name="overlap"/> counts as that many.</param>
    public static JudgingEstimate Of(QualityRules rules, int goldTasks, int tasks, int overlap, int activeWorkers)
    {
        overlap = Math.Max(1, overlap);
        goldTasks = Math.Max(0, goldTasks);
        var slots = (long)Math.Max(tasks, goldTasks) * overlap;
        var workers = (int)Math.Clamp(activeWorkers, overlap, Math.Max(overlap, slots));
        var perWorker = Math.Min(goldTasks, (double)goldTasks * overlap / workers);
        var needed = (int)Math.Max(rules.MinGold, Math.Ceiling((double)rules.MinGold * workers / overlap));
        var chance = rules.MinAccuracy == 0 ? JudgingChance.Off
            : goldTasks < rules.MinGold ? JudgingChance.Never
            : perWorker < rules.MinGold ? JudgingChance.Unlikely
            : JudgingChance.Likely;
        var reachable = (int)Math.Floor(perWorker + 1e-9);
        return new(chance, goldTasks, overlap, workers, rules.MinGold, perWorker, needed, reachable >= LowestSuggestedAfter ? reachable : null);
    }

    /// <summary>
    /// Before any task exists (the project's first questions): what the rule asks of the batches, for <paramref name="overlap"/>
    /// and the crowd as it is: <see cref="GoldTasksNeeded"/> is what to upload.
    /// </summary>
    public static JudgingEstimate Before(QualityRules rules, int overlap, int activeWorkers) =>
        Of(rules, 0, int.MaxValue / Math.Max(1, overlap), overlap, activeWorkers);
}
