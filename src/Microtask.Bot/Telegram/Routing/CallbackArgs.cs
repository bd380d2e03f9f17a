using System.Globalization;

namespace Microtask.Bot.Telegram.Routing;

/// <summary>The fields of a button's data after its prefix: <c>a:12:3</c> has the fields <c>12</c> and <c>3</c>.</summary>
internal readonly struct CallbackArgs(string[] parts)
{
    public int Count => parts.Length - 1;

    /// <summary>Field <paramref name="i"/> as it was sent.</summary>
    public string Text(int i) => parts[i + 1];

    /// <summary>Field <paramref name="i"/> as a positive id, or null.</summary>
    public long? Id(int i) =>
        long.TryParse(parts[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;

    /// <summary>Field <paramref name="i"/> as a small number (at most three digits), or null.</summary>
    public int? Small(int i) =>
        parts[i + 1].Length <= 3 && int.TryParse(parts[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}

/// <summary>Formats buttons' data: the prefix, then each field, colon-separated.</summary>
internal static class Callback
{
    /// <summary>Telegram's limit on a button's data.</summary>
    public const int MaxBytes = 64;

    public static string Data(string prefix, params ReadOnlySpan<long> fields)
    {
        var data = prefix;
        foreach (var field in fields)
        {
            data += ":" + field.ToString(CultureInfo.InvariantCulture);
        }

        return data;
    }
}
