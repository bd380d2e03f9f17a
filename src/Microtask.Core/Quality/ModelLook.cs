namespace Microtask.Core.Quality;

/// <summary>
/// Dynamic overlap's second look: which tasks that stopped short of their maximum Dawid–Skene, fitted over the
/// project's answers, is not sure of at the target, and whose answers still to come could change its answer
/// (<see cref="ModelDecision"/>). Single-answer choice kinds are read as one model over the choices; multiple choice as
/// the results read it, one yes/no model per option, a task being unsure when any option is.
/// </summary>
public static class ModelLook
{
    /// <param name="choices">The project's <see cref="Project.Choices"/> (for multiple choice, its options).</param>
    /// <param name="stopped">The tasks that stopped below their maximum, and the answers each may still get.</param>
    public static IReadOnlyList<long> Unsure(
        AnswerKind kind, IReadOnlyList<string> choices, IReadOnlyList<AnswerRecord> answers, IReadOnlyList<(long TaskId, int Still)> stopped, int targetPercent)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(stopped);
        if (kind != AnswerKind.MultipleChoice)
        {
            return Judge(choices.Distinct(StringComparer.Ordinal).ToList(), answers, stopped, targetPercent).Order().ToList();
        }

        var sets = answers.Select(a => (Answer: a, Chosen: ChoiceSet.Read(a.Value))).Where(a => a.Chosen is not null).ToList();
        return choices.Distinct(StringComparer.Ordinal)
            .SelectMany(option => Judge(
                OptionAggregation.YesNo,
                sets.Select(s => s.Answer with { Value = OptionAggregation.Says(s.Chosen!, option) }).ToList(),
                stopped,
                targetPercent))
            .Distinct()
            .Order()
            .ToList();
    }

    private static IEnumerable<long> Judge(IReadOnlyList<string> classes, IReadOnlyList<AnswerRecord> answers, IReadOnlyList<(long TaskId, int Still)> stopped, int targetPercent)
    {
        var model = DawidSkene.Aggregate(answers, classes);
        var posterior = model.Answers.ToDictionary(a => a.TaskId);
        var decision = new ModelDecision(model, classes);
        var byTask = answers.ToLookup(a => a.TaskId);
        return stopped
            .Where(t => (!posterior.TryGetValue(t.TaskId, out var a) || a.Confidence * 100 < targetPercent) && !decision.Decided(byTask[t.TaskId], t.Still))
            .Select(t => t.TaskId);
    }
}
