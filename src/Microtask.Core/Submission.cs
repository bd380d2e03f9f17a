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

    public bool? GoldCorrect => GoldAnswer is null || Answer is null
        ? null
        : AnswerRules.Normalize(GoldAnswer) == AnswerRules.Normalize(Answer);
}
