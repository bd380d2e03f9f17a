using Microtask.Bot.Resources;
using System.Globalization;

namespace Microtask.Bot.Views;

/// <summary>Durations as users read them.</summary>
internal static class Durations
{
    /// <summary>
    /// A time limit in the current language, never rounded up: whole minutes as minutes ("5 min"), anything else in
    /// whole seconds ("90 s", "150 s"), so a task never promises more time than it has.
    /// </summary>
    public static string Short(TimeSpan span) => span.TotalSeconds % 60 == 0
        ? string.Format(CultureInfo.CurrentCulture, WorkerMessages.DurationMinutes, (int)span.TotalMinutes)
        : string.Format(CultureInfo.CurrentCulture, WorkerMessages.DurationSeconds, (int)span.TotalSeconds);
}
