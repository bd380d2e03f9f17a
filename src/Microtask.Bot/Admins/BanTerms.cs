using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>A ban's end, the length as the audit log keeps it ("7d", "permanent"), and its reason.</summary>
internal sealed record BanTerm(DateTimeOffset Until, string Length, string Reason);

/// <summary>
/// How long a ban lasts, as typed: "30m", "12h", "7d", "2w" or "permanent" before the reason; no length at all is
/// permanent. A first word that starts like a number ("0m", "10y", "90s", "1.5h", "7") but is no valid length is a
/// typo, never the start of the reason: a typo must not ban for ever.
/// </summary>
internal static class BanTerms
{
    private const int MaxNumber = 999_999;

    /// <summary>The term from "[length] [reason]"; null when the first word looks like a length but is none.</summary>
    public static BanTerm? Read(string words, DateTimeOffset now)
    {
        var parts = words.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        var first = parts.Length == 0 ? "" : Digits.Ascii(parts[0]).ToLowerInvariant();
        var rest = parts.Length > 1 ? parts[1].Trim() : "";
        if (first is "permanent" or "forever" or "permanen")
        {
            return new(BanStore.Permanent, "permanent", rest);
        }

        if (!LooksLikeLength(first))
        {
            return new(BanStore.Permanent, "permanent", words.Trim());
        }

        if (Length(first) is not { } length)
        {
            return null;
        }

        return new(length >= BanStore.Permanent - now ? BanStore.Permanent : now + length, first, rest);
    }

    /// <summary>Why a typed length was refused, with the forms that are accepted.</summary>
    public static string Refusal(string words) =>
        string.Format(CultureInfo.CurrentCulture, AdminMessages.BanLengthInvalid, Quotes.Of(words.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0], Quotes.Word));

    /// <summary>"• #12 until … — reason": a ban as the admins' lists show it, its end in <paramref name="zone"/>.</summary>
    public static string Line(Ban ban, TimeZoneInfo zone, CultureInfo culture) => string.Format(
        culture,
        AdminMessages.UserBanLine,
        ban.ProjectId is { } p ? "#" + p.ToString(CultureInfo.InvariantCulture) : AdminMessages.ScopePlatform,
        BanEnds.Until(ban.Until, zone, culture),
        QualityTexts.RuleName(ban.Rule) is { } rule ? $"{rule}: {Quotes.Of(ban.Reason, Quotes.Reason)}" : Reason(ban.Reason, culture));

    public static string Reason(string reason, CultureInfo culture) =>
        reason.Length > 0 ? Quotes.Of(reason, Quotes.Reason) : AdminMessages.ResourceManager.GetString(nameof(AdminMessages.NoReason), culture)!;

    private static bool LooksLikeLength(string word) =>
        word.Length > 0 && (char.IsAsciiDigit(word[0]) || (word.Length > 1 && word[0] is '-' or '+' or '.' && char.IsAsciiDigit(word[1])));

    private static TimeSpan? Length(string word)
    {
        if (word.Length < 2 || !int.TryParse(word.AsSpan(0, word.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is <= 0 or > MaxNumber)
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
