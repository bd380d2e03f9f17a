namespace Microtask.Core.Quality;

/// <summary>
/// Plain majority vote per task, values compared exactly (ordinal). Used for choice kinds where a task has
/// too few answers for Dawid–Skene, and as Dawid–Skene's starting point.
/// </summary>
public static class MajorityVote
{
    /// <summary>One result per task, ordered by task id. A tie gives a null value with <c>Tie = true</c>.</summary>
    public static IReadOnlyList<AggregatedAnswer> Aggregate(IEnumerable<AnswerRecord> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers
            .GroupBy(a => a.TaskId)
            .OrderBy(g => g.Key)
            .Select(g => Vote(g.Key, g.Select(a => a.Value), AggregationMethod.Majority).Result)
            .ToList();
    }

    /// <summary>
    /// Counts values by <paramref name="key"/> (the value itself by default), compared ordinally. Ties are
    /// broken by nobody: the result carries a null value. Also returns the winning key, for callers that
    /// report a representative spelling of it.
    /// </summary>
    internal static (AggregatedAnswer Result, string? WinnerKey) Vote(
        long taskId, IEnumerable<string> values, string method, Func<string, string>? key = null)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var value in values)
        {
            var k = key is null ? value : key(value);
            counts[k] = counts.GetValueOrDefault(k) + 1;
            total++;
        }

        if (total == 0)
        {
            return (AggregatedAnswer.Empty(taskId, method), null);
        }

        string? best = null;
        int first = 0, second = 0;
        foreach (var (k, n) in counts)
        {
            if (n > first)
            {
                (second, first, best) = (first, n, k);
            }
            else if (n > second)
            {
                second = n;
            }
        }

        var tie = first == second;
        var share = (double)first / total;
        var winner = tie ? null : best;
        return (new AggregatedAnswer(taskId, winner, share, share, total, tie, method), winner);
    }
}
