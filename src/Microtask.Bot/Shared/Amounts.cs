using System.Globalization;
using Microtask.Core;

namespace Microtask.Bot.Shared;

/// <summary>An amount as typed: whole minor units, thousands separators allowed ("50.000"), never negative, never absurd.</summary>
internal static class Amounts
{
    public const long Max = 1_000_000_000_000;

    public static long? Parse(string text)
    {
        var digits = Digits.Ascii(text).Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return digits.Length is > 0 and <= 13 && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v is > 0 and <= Max
            ? v
            : null;
    }
}
