namespace Microtask.Bot.Workers;

/// <summary>A newcomer's way in, and the questions a worker is asked (section "Microtask:Workers").</summary>
public sealed class WorkerOptions
{
    /// <summary>Whether a worker's first consent leads into the practice tasks before the first paid task.</summary>
    public bool Practice { get; set; } = true;

    /// <summary>Whether a worker is asked to rate a project after their 10th answer on it (and then at most once a week).</summary>
    public bool Ratings { get; set; } = true;
}
