namespace Microtask.Core.Quality;

/// <summary>
/// Majority over free-text answers compared after <see cref="AnswerRules.Normalize"/> (trimmed, lower-case,
/// single spaces), so "Jakarta", " jakarta " and "JAKARTA" count as one vote.
/// </summary>
public static class FreeTextMajority
{
    /// <summary>
    /// One result per task, ordered by task id. The value reported is the most common original (trimmed)
    /// spelling within the winning group; equally common spellings go to the one seen first. Answers that
    /// are empty after normalising are left out. A tie between groups gives a null value with <c>Tie = true</c>.
    /// </summary>
    public static IReadOnlyList<AggregatedAnswer> Aggregate(IEnumerable<AnswerRecord> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers
            .GroupBy(a => a.TaskId)
            .OrderBy(g => g.Key)
            .Select(g => Aggregate(g.Key, g.Select(a => a.Value.Trim()).Where(v => v.Length > 0).ToList()))
            .ToList();
    }

    private static AggregatedAnswer Aggregate(long taskId, List<string> spellings)
    {
        var (result, winner) = MajorityVote.Vote(taskId, spellings, AggregationMethod.FreeTextMajority, AnswerRules.Normalize);
        if (winner is null)
        {
            return result;
        }

        // GroupBy keeps first-appearance order and OrderByDescending is stable, so equal counts go to the earliest spelling.
        var spelling = spellings
            .Where(s => AnswerRules.Normalize(s) == winner)
            .GroupBy(s => s, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .First().Key;
        return result with { Value = spelling };
    }
}
