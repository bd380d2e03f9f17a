using System.Globalization;

namespace Microtask.Bot.Shared;

/// <summary>The two languages the bot speaks, and how a Telegram language code maps onto them.</summary>
internal static class Languages
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id");

    /// <summary>Indonesian for Indonesian and the regional languages most of its speakers also set; English otherwise.</summary>
    public static string FromTelegram(string? code, string fallback) => code?.ToLowerInvariant() switch
    {
        null or "" => fallback,
        var c when c.StartsWith("id", StringComparison.Ordinal) || c.StartsWith("in", StringComparison.Ordinal)
            || c.StartsWith("jv", StringComparison.Ordinal) || c.StartsWith("su", StringComparison.Ordinal) => "id",
        _ => "en",
    };

    public static CultureInfo Culture(string language) => language == "id" ? Indonesian : English;

    /// <summary>
    /// Speaks <paramref name="language"/> from here on in this flow: its texts (the UI culture) and its numbers and dates
    /// (the culture: "1.666" in Indonesian, "1,666" in English). Returns the culture.
    /// </summary>
    public static CultureInfo Use(string language) => Use(Culture(language));

    public static CultureInfo Use(CultureInfo culture)
    {
        CultureInfo.CurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
        return culture;
    }
}
