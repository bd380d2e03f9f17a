namespace Microtask.Core.Quality;

/// <summary>
/// Multiple-choice answers aggregated one option at a time: each answer says yes or no to every option, and each
/// option is a yes/no question of its own — Dawid–Skene over the project where a task has
/// <see cref="Aggregation.MinAnswersForDawidSkene"/> answers, majority vote below that — so that a worker who ticks
/// everything weighs what they are worth on each option. Streamed as <see cref="StreamingAggregation"/> is: a first pass
/// over every answer (<see cref="Observe"/>), then each task (<see cref="Aggregate"/>).
/// </summary>
public sealed class OptionAggregation
{
    /// <summary>The classes each option is read as.</summary>
    internal static readonly string[] YesNo = ["yes", "no"];
    private readonly IReadOnlyList<string> options;
    private readonly StreamingAggregation[] perOption;

    public OptionAggregation(IReadOnlyList<string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        perOption = options.Select(_ => new StreamingAggregation(AnswerKind.YesNo, YesNo)).ToArray();
    }

    /// <summary>First pass: one stored answer of the project (see <see cref="ChoiceSet"/>); one that is no set is left out. In task-id order.</summary>
    public void Observe(long taskId, string workerKey, string stored)
    {
        if (ChoiceSet.Read(stored) is { } chosen)
        {
            for (var i = 0; i < options.Count; i++)
            {
                perOption[i].Observe(taskId, workerKey, Says(chosen, options[i]));
            }
        }
    }

    /// <summary>Per option, in option order: the task's yes or no with its confidence; null for an option when the task has no usable answer.</summary>
    public IReadOnlyList<AggregatedAnswer?> Aggregate(long taskId, IReadOnlyList<AnswerRecord> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var sets = answers.Select(a => (a.WorkerKey, Chosen: ChoiceSet.Read(a.Value))).Where(a => a.Chosen is not null).ToList();
        return options.Select((option, i) => perOption[i].Aggregate(
            taskId,
            sets.Select(s => new AnswerRecord(taskId, s.WorkerKey, Says(s.Chosen!, option))).ToList())).ToList();
    }

    /// <summary>What a set of chosen options says of one option: "yes" when it is ticked, "no" otherwise.</summary>
    internal static string Says(IReadOnlyList<string> chosen, string option) => chosen.Contains(option, StringComparer.Ordinal) ? "yes" : "no";
}
