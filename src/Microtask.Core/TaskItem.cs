namespace Microtask.Core;

/// <summary>One unit of work: the fields a template renders, and a known answer when it is a gold task.</summary>
public sealed record TaskItem(long Id, long ProjectId, IReadOnlyDictionary<string, string> Fields, string? GoldAnswer)
{
    public bool IsGold => GoldAnswer is not null;
}

/// <summary>A task to add; <paramref name="Line"/> is the line of the uploaded file it came from, when it came from one.</summary>
public sealed record NewTask(IReadOnlyDictionary<string, string> Fields, string? GoldAnswer = null, int? Line = null)
{
    /// <summary>Why the gold answer is right, shown to a worker with the verdict; only with a gold answer.</summary>
    public string? Explanation { get; init; }

    /// <summary>
    /// A practice task: shown, with its gold answer and explanation, to a worker new to the project before any of its
    /// tasks; never paid, never counted by a quality rule, never in the results.
    /// </summary>
    public bool Practice { get; init; }
}
