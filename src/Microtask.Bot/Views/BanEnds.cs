using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Storage;

namespace Microtask.Bot.Views;

/// <summary>When a ban or suspension ends, as its reader sees it: in their own time zone, with the zone named.</summary>
internal static class BanEnds
{
    /// <summary>"until 4 Dec 2026 17:00 (Asia/Jakarta)", or "permanently", in <paramref name="culture"/>.</summary>
    public static string Until(DateTimeOffset until, TimeZoneInfo zone, CultureInfo culture) =>
        until >= BanStore.Permanent
            ? AdminMessages.ResourceManager.GetString(nameof(AdminMessages.Permanently), culture)!
            : string.Format(
                culture,
                AdminMessages.ResourceManager.GetString(nameof(AdminMessages.UntilTime), culture)!,
                TimeZoneInfo.ConvertTime(until, zone).ToString("d MMM yyyy HH:mm", culture),
                zone.Id);
}
