using Microtask.Core.Quality;

namespace Microtask.Core;

public enum ProjectState
{
    Draft,
    Active,
    Paused,
    Closed,
}

/// <summary>A requester's project: what workers see and the rules its tasks are assigned by.</summary>
/// <param name="Reward">Per accepted answer, in minor units of the configured currency.</param>
/// <param name="Overlap">How many answers each task wants: with dynamic overlap, the minimum.</param>
public sealed record Project(
    long Id,
    string Title,
    string Instructions,
    AnswerKind Kind,
    IReadOnlyList<string> Options,
    string Template,
    long Reward,
    int Overlap,
    TimeSpan TimeLimit,
    ProjectState State)
{
    /// <summary>The worker id of the requester who owns the project; null for one loaded from config.</summary>
    public long? RequesterId { get; init; }

    /// <summary>With dynamic overlap, the most answers a task gets; null for a fixed overlap.</summary>
    public int? OverlapMax { get; init; }

    /// <summary>With dynamic overlap, the agreement in percent that stops a task short of its maximum; null for a fixed overlap.</summary>
    public int? OverlapTarget { get; init; }

    /// <summary>The overlap as one rule: fixed, or a range with its target.</summary>
    public OverlapRule OverlapRule => OverlapRule.Of(Overlap, OverlapMax, OverlapTarget);

    /// <summary>The share of claims, in percent, that prefer a gold task of this project when one is open.</summary>
    public int GoldPercent { get; init; } = 10;

    /// <summary>What is left to pay answers with, in minor units; null for a project without a budget (the sample from config).</summary>
    public long? Budget { get; init; }

    /// <summary>Answers one worker may give to this project in one local day; null for no cap.</summary>
    public int? DailyCap { get; init; }

    /// <summary>True when the bot paused the project because the budget cannot pay for another answer.</summary>
    public bool PausedForBudget { get; init; }

    /// <summary>True when an admin paused the project (from the review queue): only an admin may resume it.</summary>
    public bool PausedByAdmin { get; init; }

    /// <summary>The project's quality rules: suspension by gold accuracy and speed, qualification, exclusion from results.</summary>
    public QualityRules Rules { get; init; } = QualityRules.Default;

    /// <summary>
    /// The options as other languages show them, by language code ("id"), in the options' order; a language not named
    /// shows them as written. Answers are stored as written, whatever the worker read.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> OptionLabels { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>How option <paramref name="value"/> reads in <paramref name="language"/>: its label there, else as written.</summary>
    public string OptionLabel(string value, string language) =>
        OptionLabels.TryGetValue(language, out var labels) && labels.Count == Options.Count && Options.ToList().IndexOf(value) is >= 0 and var i
            ? labels[i]
            : value;

    /// <summary>What the kind is asked to do beyond its options (none-of-these, same, voice length).</summary>
    public AnswerSettings Settings { get; init; } = AnswerSettings.Default;

    /// <summary>The requester's estimate of the seconds one task takes; null when none was given.</summary>
    public int? EstimatedSeconds { get; init; }

    /// <summary>The median seconds of the project's latest answers, and how many answers it was read from.</summary>
    public (int Seconds, int Answers)? Measured { get; init; }

    /// <summary>How many practice tasks a worker new to the project answers before its tasks.</summary>
    public int PracticeTasks { get; init; }

    /// <summary>The values a worker may choose, in button order (for multiple choice, the options that may be toggled).</summary>
    public IReadOnlyList<string> Choices => Kind switch
    {
        AnswerKind.YesNo => ["yes", "no"],
        AnswerKind.Rating => ["1", "2", "3", "4", "5"],
        AnswerKind.SingleChoice or AnswerKind.MultipleChoice => Options,
        AnswerKind.Pairwise => Settings.AllowSame ? [Pairs.A, Pairs.B, Pairs.Same] : [Pairs.A, Pairs.B],
        _ => [],
    };
}

/// <summary>What it takes to create a project; ids and state come from the store.</summary>
public sealed record NewProject(
    string Title,
    string Instructions,
    AnswerKind Kind,
    IReadOnlyList<string> Options,
    string Template,
    long Reward,
    int Overlap,
    TimeSpan TimeLimit,
    long? RequesterId = null,
    int GoldPercent = 10,
    long? Budget = null,
    int? DailyCap = null,
    QualityRules? Rules = null)
{
    /// <summary>See <see cref="Project.Settings"/>.</summary>
    public AnswerSettings? Settings { get; init; }

    /// <summary>See <see cref="Project.EstimatedSeconds"/>.</summary>
    public int? EstimatedSeconds { get; init; }

    /// <summary>See <see cref="Project.OverlapMax"/>; <see cref="NewProject.Overlap"/> is then the minimum.</summary>
    public int? OverlapMax { get; init; }

    /// <summary>See <see cref="Project.OverlapTarget"/>.</summary>
    public int? OverlapTarget { get; init; }

    /// <summary>See <see cref="Project.OverlapRule"/>.</summary>
    public OverlapRule OverlapRule => OverlapRule.Of(Overlap, OverlapMax, OverlapTarget);

    /// <summary>See <see cref="Project.OptionLabels"/>; none for a project made in the chat.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? OptionLabels { get; init; }
}
