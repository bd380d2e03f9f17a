namespace Microtask.Core;

/// <summary>What a worker rates a project on, each from 1 to 5; the value is the criterion's row on the question.</summary>
public enum RatingCriterion
{
    Pay = 0,
    Clarity = 1,
    Fairness = 2,
    PaymentSpeed = 3,
}

/// <summary>When workers are asked to rate a project, and when the averages of their ratings may be shown.</summary>
public static class ProjectRating
{
    public const int MinScore = 1;
    public const int MaxScore = 5;

    /// <summary>A worker's answers on a project before the question comes.</summary>
    public const int AskAfterAnswers = 10;

    /// <summary>Distinct workers who rated a project in the window before its averages are shown: fewer could be told apart.</summary>
    public const int MinWorkers = 5;

    /// <summary>
    /// How long a question stays open, and how long after a question was asked, skipped or answered the worker is not
    /// asked about that project again.
    /// </summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromDays(7);

    /// <summary>The ratings the averages are taken over.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public static IReadOnlyList<RatingCriterion> Criteria { get; } = Enum.GetValues<RatingCriterion>();

    public static bool IsScore(int score) => score is >= MinScore and <= MaxScore;

    public static bool IsCriterion(int criterion) => criterion >= 0 && criterion < Criteria.Count;
}

/// <summary>
/// A project's ratings over the window: how many workers rated it, and each criterion's average, each worker weighing the
/// same (a worker who rated twice counts with the mean of their ratings).
/// </summary>
public sealed record RatingSummary(int Workers, double Pay, double Clarity, double Fairness, double PaymentSpeed)
{
    /// <summary>Whether the averages may be shown, to workers and to the requester alike.</summary>
    public bool Shown => Workers >= ProjectRating.MinWorkers;
}
