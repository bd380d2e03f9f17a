namespace Microtask.Core;

/// <summary>What a project pays for the time it takes: the seconds one task takes and the reward over an hour of them.</summary>
public static class PayRate
{
    /// <summary>
    /// Answers a project needs before their median replaces the requester's estimate: fewer say more about the first
    /// workers' learning than about the task.
    /// </summary>
    public const int MeasuredAfter = 30;

    /// <summary>The seconds one task takes as workers are told: the measured median once there are enough answers, else the estimate.</summary>
    public static int? SecondsPerTask(Project project) =>
        project.Measured is { Answers: >= MeasuredAfter, Seconds: > 0 } measured ? measured.Seconds : project.EstimatedSeconds;

    /// <summary>Whether <see cref="SecondsPerTask"/> comes from the project's answers rather than the requester's estimate.</summary>
    public static bool IsMeasured(Project project) => project.Measured is { Answers: >= MeasuredAfter, Seconds: > 0 };

    /// <summary>The reward an hour of such tasks pays, in minor units; null without a time per task.</summary>
    public static long? PerHour(Project project) => SecondsPerTask(project) is { } seconds ? PerHour(project.Reward, seconds) : null;

    public static long PerHour(long reward, int seconds) => seconds <= 0 ? 0 : reward * 3600 / seconds;

    /// <summary>The smallest reward that pays <paramref name="hourly"/> for tasks of <paramref name="seconds"/> (rounded up).</summary>
    public static long RewardFor(long hourly, int seconds) => (hourly * seconds + 3599) / 3600;

    /// <summary>The median of a list of durations, in whole seconds (rounded to the nearest); null for none.</summary>
    public static int? Median(IReadOnlyList<long> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return null;
        }

        var sorted = milliseconds.Order().ToArray();
        var middle = sorted.Length / 2;
        var ms = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return (int)Math.Max(1, (ms + 500) / 1000);
    }
}
