using Microtask.Core.Quality;

namespace Microtask.Core;

public enum SubmitOutcome
{
    Accepted,
    AlreadyAnswered,
    Expired,
    NotYours,
    NotFound,
}

/// <summary>What happened to an answer. <see cref="GoldAnswer"/> is set when the task was gold, for feedback.</summary>
public sealed record SubmitResult(SubmitOutcome Outcome, string? Answer = null, string? GoldAnswer = null, long Reward = 0)
{
    /// <summary>The batch of the task when this answer was the task's last one wanted: the batch may be done.</summary>
    public long? FilledBatchId { get; init; }

    /// <summary>True for the one answer after which the project's budget cannot pay another: the bot paused it.</summary>
    public bool BudgetRanOut { get; init; }

    /// <summary>What the project's budget holds after this answer; null for a project without a budget.</summary>
    public long? BudgetLeft { get; init; }

    /// <summary>
    /// True for the one answer that took the budget below <paramref name="answersLeft"/> rewards: the moment to warn
    /// the requester that it runs low (the budget falls one reward at a time, so it passes that mark once).
    /// </summary>
    public bool BudgetFellBelow(int answersLeft) =>
        BudgetLeft is { } left && Reward > 0 && left < Reward * answersLeft && left + Reward >= Reward * answersLeft;

    /// <summary>True when the answer came sooner than the project's minimum seconds per task: it is flagged.</summary>
    public bool TooFast { get; init; }

    /// <summary>
    /// The answer is stored, counted and paid, but its scoring (gold, speed) failed after it was committed: no score was
    /// stored, so none is shown. Rare (an error or three conflicts in the scoring transaction); the caller logs it.
    /// </summary>
    public string? NotScored { get; init; }

    /// <summary>What the project's quality rules made of this answer; null when it was neither gold nor flagged.</summary>
    public QualityVerdict? Verdict { get; init; }

    public bool? GoldCorrect => GoldAnswer is null || Answer is null
        ? null
        : AnswerRules.Normalize(GoldAnswer) == AnswerRules.Normalize(Answer);
}
