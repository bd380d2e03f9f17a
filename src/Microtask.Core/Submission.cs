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
    public bool? GoldCorrect => GoldAnswer is null || Answer is null
        ? null
        : AnswerRules.Normalize(GoldAnswer) == AnswerRules.Normalize(Answer);
}
