using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>How long a ban lasts, as typed ("30m", "12h", "7d", "2w", "permanent", or nothing: permanent), and how texts say it.</summary>
internal static class BanTerms
{
    /// <summary>The ban's end and its reason from "[duration] [reason]".</summary>
    public static (DateTimeOffset Until, string Term, string Reason) Read(string words, DateTimeOffset now)
    {
        var parts = words.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 0 && Duration(parts[0]) is { } duration)
        {
            var until = duration == Timeout.InfiniteTimeSpan || now + duration >= BanStore.Permanent ? BanStore.Permanent : now + duration;
            return (until, parts[0].ToLowerInvariant(), parts.Length > 1 ? parts[1].Trim() : "");
        }

        return (BanStore.Permanent, "permanent", words.Trim());
    }

    /// <summary>"until 2026-12-04 10:00 UTC" or "until further notice", in the culture asked for.</summary>
    public static string Until(DateTimeOffset until, CultureInfo culture) =>
        until >= BanStore.Permanent
            ? AdminMessages.ResourceManager.GetString(nameof(AdminMessages.UntilFurtherNotice), culture)!
            : string.Format(culture, AdminMessages.ResourceManager.GetString(nameof(AdminMessages.UntilTime), culture)!, until.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));

    public static string Reason(string reason, CultureInfo culture) =>
        reason.Length > 0 ? Core.TaskTemplate.Escape(reason) : AdminMessages.ResourceManager.GetString(nameof(AdminMessages.NoReason), culture)!;

    private static TimeSpan? Duration(string word)
    {
        word = word.ToLowerInvariant();
        if (word is "permanent" or "forever" or "permanen")
        {
            return Timeout.InfiniteTimeSpan;
        }

        if (word.Length < 2 || word.Length > 7 || !int.TryParse(word[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return null;
        }

        return word[^1] switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            'w' => TimeSpan.FromDays(7.0 * n),
            _ => null,
        };
    }
}
