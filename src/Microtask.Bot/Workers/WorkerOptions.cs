namespace Microtask.Bot.Workers;

/// <summary>A newcomer's way in (section "Microtask:Workers").</summary>
public sealed class WorkerOptions
{
    /// <summary>Whether a worker's first consent leads into the practice tasks before the first paid task.</summary>
    public bool Practice { get; set; } = true;
}
