using System.ComponentModel.DataAnnotations;
using Microtask.Core.Quality;

namespace Microtask.Bot.Workers;

/// <summary>What it takes for workers' disputes to set a gold task aside (section "Microtask:Disputes").</summary>
public sealed class DisputeOptions
{
    /// <summary>Disputes from workers in good standing before the task's answers are weighed.</summary>
    [Range(1, 1000, ErrorMessage = "Microtask:Disputes:Disputes must be between {1} and {2}")]
    public int Disputes { get; set; } = DisputeThresholds.Default.Disputes;

    /// <summary>The fewest answers of the task the crowd's agreement is read from.</summary>
    [Range(1, 1000, ErrorMessage = "Microtask:Disputes:Answers must be between {1} and {2}")]
    public int Answers { get; set; } = DisputeThresholds.Default.Answers;

    /// <summary>The share of those answers, in percent, that must agree on one value other than the gold.</summary>
    [Range(51, 100, ErrorMessage = "Microtask:Disputes:SharePercent must be between {1} and {2}")]
    public int SharePercent { get; set; } = DisputeThresholds.Default.SharePercent;

    public DisputeThresholds Thresholds => new(Disputes, Answers, SharePercent);
}
