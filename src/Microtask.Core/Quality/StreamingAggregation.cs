namespace Microtask.Core.Quality;

/// <summary>
/// <see cref="Aggregation.Choose"/> one task at a time, for an export that streams a project instead of holding
/// its answers: the same result per task. Choice kinds with choices need a first pass — every answer of the
/// project through <see cref="Observe"/>, in task-id order — for Dawid–Skene; the other kinds need none
/// (<see cref="NeedsFirstPass"/>). Then <see cref="Aggregate"/> each task with all its answers.
/// </summary>
public sealed class StreamingAggregation
{
    private readonly AnswerKind kind;
    private readonly HashSet<string>? choices;
    private readonly CrowdLabels? labels;

    /// <param name="choices">The project's <see cref="Project.Choices"/>; unused for free text and numbers.</param>
    public StreamingAggregation(AnswerKind kind, IReadOnlyList<string> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        this.kind = kind;
        if (kind is not (AnswerKind.Number or AnswerKind.FreeText) && choices.Count > 0)
        {
            var classes = choices.Distinct(StringComparer.Ordinal).ToList();
            this.choices = new HashSet<string>(classes, StringComparer.Ordinal);
            labels = new CrowdLabels(classes);
        }
    }

    public bool NeedsFirstPass => labels is not null;

    /// <summary>First pass: one answer of the project. Answers must come ordered by task id.</summary>
    public void Observe(long taskId, string workerKey, string value) =>
        (labels ?? throw new InvalidOperationException($"{kind} answers need no first pass.")).Add(taskId, workerKey, value);

    /// <summary>One task's result from all its answers (in the order given); null when it has none, as
    /// <see cref="Aggregation.Choose"/> then has no result for it.</summary>
    public AggregatedAnswer? Aggregate(long taskId, IReadOnlyList<AnswerRecord> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count == 0)
        {
            return null;
        }

        if (labels is null)
        {
            return (kind switch
            {
                AnswerKind.Number => NumericMedian.Aggregate(answers),
                AnswerKind.FreeText => FreeTextMajority.Aggregate(answers),
                _ => MajorityVote.Aggregate(answers),
            })[0];
        }

        // Aggregation.Choose's rule, per task: Dawid–Skene with enough answers among the choices, majority vote
        // over those with a few, and Dawid–Skene's empty result when none is among the choices.
        var fitted = labels.Answer(taskId) ?? AggregatedAnswer.Empty(taskId, AggregationMethod.DawidSkene);
        if (fitted.Answers >= Aggregation.MinAnswersForDawidSkene)
        {
            return fitted;
        }

        var valid = answers.Where(a => choices!.Contains(a.Value)).ToList();
        return valid.Count == 0 ? fitted : MajorityVote.Aggregate(valid)[0];
    }
}
