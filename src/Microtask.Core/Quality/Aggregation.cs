namespace Microtask.Core.Quality;

/// <summary>Picks the aggregation a project's answer kind calls for; what <c>/results</c> exports.</summary>
public static class Aggregation
{
    /// <summary>Below this many answers a task is decided by majority vote; Dawid–Skene needs some overlap to say more.</summary>
    public const int MinAnswersForDawidSkene = 3;

    /// <summary>
    /// One result per task of the project, ordered by task id. Choice kinds (single choice, yes/no, rating):
    /// Dawid–Skene fitted over all the project's answers, used for tasks with at least
    /// <see cref="MinAnswersForDawidSkene"/> answers among <paramref name="choices"/>, majority vote for the
    /// rest; answers outside the choices are ignored. Number: median. Free text: normalised majority.
    /// </summary>
    /// <param name="choices">The project's <see cref="Project.Choices"/>; unused for free text and numbers.</param>
    public static IReadOnlyList<AggregatedAnswer> Choose(
        AnswerKind kind, IReadOnlyList<string> choices, IEnumerable<AnswerRecord> answers)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(answers);
        return kind switch
        {
            AnswerKind.Number => NumericMedian.Aggregate(answers),
            AnswerKind.FreeText => FreeTextMajority.Aggregate(answers),
            _ when choices.Count == 0 => MajorityVote.Aggregate(answers),
            _ => ChoiceAnswers(choices, answers.ToList()),
        };
    }

    private static IReadOnlyList<AggregatedAnswer> ChoiceAnswers(IReadOnlyList<string> choices, List<AnswerRecord> answers)
    {
        var dawidSkene = DawidSkene.Aggregate(answers, choices.Distinct(StringComparer.Ordinal).ToList()).Answers;
        if (dawidSkene.All(a => a.Answers >= MinAnswersForDawidSkene))
        {
            return dawidSkene;
        }

        var valid = new HashSet<string>(choices, StringComparer.Ordinal);
        var majority = MajorityVote.Aggregate(answers.Where(a => valid.Contains(a.Value)))
            .ToDictionary(a => a.TaskId);

        // Tasks with no valid answer at all keep Dawid–Skene's empty row, so every task still has one.
        return dawidSkene
            .Select(a => a.Answers < MinAnswersForDawidSkene && majority.TryGetValue(a.TaskId, out var m) ? m : a)
            .ToList();
    }
}
