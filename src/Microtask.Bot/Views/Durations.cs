using Microtask.Bot.Resources;
using System.Globalization;

namespace Microtask.Bot.Views;

/// <summary>Durations as users read them.</summary>
internal static class Durations
{
    /// <summary>"1 min", "90 s": a time limit in the current language.</summary>
    public static string Short(TimeSpan span) => span.TotalSeconds % 60 == 0
        ? string.Format(CultureInfo.CurrentCulture, WorkerMessages.DurationMinutes, (int)span.TotalMinutes)
        : string.Format(CultureInfo.CurrentCulture, WorkerMessages.DurationSeconds, (int)span.TotalSeconds);
}
