using System.Globalization;

namespace Microtask.Core.Quality;

/// <summary>The median of a number task's answers; robust to a few wild guesses where a mean is not.</summary>
public static class NumericMedian
{
    /// <summary>An answer within 5% of the median (relative to the median's size) agrees with it.</summary>
    public const decimal RelativeTolerance = 0.05m;

    /// <summary>
    /// One result per task, ordered by task id. Values are parsed with the invariant culture (as
    /// <see cref="AnswerRules.ParseTyped"/> stores them); anything else is left out and not counted in
    /// <see cref="AggregatedAnswer.Answers"/>. With an even count the median is the mean of the middle two.
    /// Agreement — reported as confidence too — is the share of answers within <see cref="RelativeTolerance"/>
    /// of the median; when the median is 0 only exact zeros agree. A median is never tied.
    /// </summary>
    public static IReadOnlyList<AggregatedAnswer> Aggregate(IEnumerable<AnswerRecord> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers
            .GroupBy(a => a.TaskId)
            .OrderBy(g => g.Key)
            .Select(g => Aggregate(g.Key, g.Select(a => Parse(a.Value)).OfType<decimal>().ToArray()))
            .ToList();
    }

    /// <summary>An invariant-culture number, or null.</summary>
    public static decimal? Parse(string value) =>
        decimal.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The median written without trailing zeros or exponent ("2.5", "-3", "1000000").</summary>
    public static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static AggregatedAnswer Aggregate(long taskId, decimal[] values)
    {
        if (values.Length == 0)
        {
            return AggregatedAnswer.Empty(taskId, AggregationMethod.Median);
        }

        Array.Sort(values);
        var mid = values.Length / 2;
        var median = values.Length % 2 == 1 ? values[mid] : Midpoint(values[mid - 1], values[mid]);
        var margin = Math.Abs(median) * RelativeTolerance;
        var agreeing = values.Count(v => Agrees(v, median, margin));
        var share = (double)agreeing / values.Length;
        return new AggregatedAnswer(taskId, Format(median), share, share, values.Length, false, AggregationMethod.Median);
    }

    /// <summary>
    /// Halfway from <paramref name="low"/> to <paramref name="high"/> (low &lt;= high) for any two decimals: across zero
    /// their sum cannot overflow, and on one side of it their difference cannot.
    /// </summary>
    internal static decimal Midpoint(decimal low, decimal high) =>
        Math.Sign(low) != Math.Sign(high) ? (low + high) / 2 : low + (high - low) / 2;

    /// <summary>
    /// Within the margin of the median. A value across zero from it is at least the median's size away, beyond any
    /// margin, and is never subtracted (that difference may not fit in a decimal).
    /// </summary>
    internal static bool Agrees(decimal value, decimal median, decimal margin) =>
        Math.Sign(value) * Math.Sign(median) >= 0 && Math.Abs(value - median) <= margin;
}
