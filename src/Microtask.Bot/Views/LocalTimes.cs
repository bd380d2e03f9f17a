using System.Globalization;

namespace Microtask.Bot.Views;

/// <summary>A moment as its reader lives it: in their time zone and language, with the zone named.</summary>
internal static class LocalTimes
{
    /// <summary>"4 Dec 2026 17:00 (Asia/Jakarta)", in <paramref name="culture"/>.</summary>
    public static string Of(DateTimeOffset at, TimeZoneInfo zone, CultureInfo culture) =>
        string.Concat(TimeZoneInfo.ConvertTime(at, zone).ToString("d MMM yyyy HH:mm", culture), " (", zone.Id, ")");
}
