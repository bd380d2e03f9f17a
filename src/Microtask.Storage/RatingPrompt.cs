using Microtask.Core;

namespace Microtask.Storage;

/// <summary>A question to rate a project as its message shows it: whose, which project, and the scores chosen so far.</summary>
public sealed record RatingPrompt(long Id, long WorkerId, long ProjectId, IReadOnlyList<int?> Scores)
{
    public int? Score(RatingCriterion criterion) => Scores[(int)criterion];

    public bool Complete => Scores.All(s => s is not null);
}

/// <summary>What a press on a rating question did.</summary>
public enum RatingPress
{
    /// <summary>The score is saved; the question waits for its other rows.</summary>
    Saved,

    /// <summary>The score was the last one missing: the rating is stored and the question closed.</summary>
    Rated,

    /// <summary>The question was skipped and closed.</summary>
    Skipped,

    /// <summary>The row had its score already: nothing changed.</summary>
    AlreadyChosen,

    /// <summary>The question is another worker's, or there is no such question: nothing changed.</summary>
    NotYours,

    /// <summary>The question was rated, skipped, or is older than a week: nothing changed.</summary>
    Closed,
}
