namespace Microtask.Core.Quality;

/// <summary>One raw answer as aggregation sees it.</summary>
/// <param name="WorkerKey">A pseudonymous worker id, never a Telegram id or name.</param>
public sealed record AnswerRecord(long TaskId, string WorkerKey, string Value);

/// <summary>The answer chosen for one task, with how sure the method is about it.</summary>
/// <param name="Value">
/// The chosen value; <c>null</c> when the top candidates are tied (<see cref="Tie"/> is then true) or when the
/// task has no usable answer (<see cref="Answers"/> is then 0). A tie is never broken silently: the requester
/// sees an empty cell and the raw answers beside it.
/// </param>
/// <param name="Confidence">
/// In [0, 1]: the posterior probability of the value for Dawid–Skene, the share of votes for majority methods,
/// the share of answers near the median for numbers.
/// </param>
/// <param name="Agreement">
/// In [0, 1]: the share of the task's usable answers equal to the value (for numbers: within
/// <see cref="NumericMedian.RelativeTolerance"/> of the median). On a tie, the share of one of the tied values.
/// </param>
/// <param name="Answers">How many of the task's answers the method used (answers outside the choices, or
/// non-numeric answers to a number task, are left out).</param>
/// <param name="Tie">The top two candidates have equal votes (or equal posteriors).</param>
/// <param name="Method">One of the <see cref="AggregationMethod"/> names.</param>
public sealed record AggregatedAnswer(
    long TaskId,
    string? Value,
    double Confidence,
    double Agreement,
    int Answers,
    bool Tie,
    string Method)
{
    internal static AggregatedAnswer Empty(long taskId, string method) => new(taskId, null, 0, 0, 0, false, method);

    /// <summary>
    /// The task's result once its requester has set the answer (<paramref name="final"/>, null: not set): theirs wins,
    /// certain and marked as theirs, with the crowd's agreement and number of answers kept beside it.
    /// </summary>
    public static AggregatedAnswer? Settled(AggregatedAnswer? crowd, long taskId, string? final) => final is null
        ? crowd
        : new AggregatedAnswer(taskId, final, 1, crowd?.Agreement ?? 0, crowd?.Answers ?? 0, false, AggregationMethod.Requester);
}

/// <summary>The names written in the export's method column.</summary>
public static class AggregationMethod
{
    public const string Majority = "majority";
    public const string DawidSkene = "dawid-skene";
    public const string Median = "median";
    public const string FreeTextMajority = "normalised-majority";

    /// <summary>The requester set the answer in /review.</summary>
    public const string Requester = "requester";
}
