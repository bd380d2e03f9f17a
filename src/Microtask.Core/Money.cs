using System.Globalization;

namespace Microtask.Core;

/// <summary>Money is an integer count of minor units; only display divides.</summary>
public static class Money
{
    public static string Format(long minorUnits, int decimals, string symbol, CultureInfo culture)
    {
        var value = minorUnits / (decimal)Pow10(decimals);
        return $"{symbol} {value.ToString("N" + decimals, culture)}";
    }

    private static long Pow10(int n)
    {
        long result = 1;
        for (var i = 0; i < n; i++)
        {
            result *= 10;
        }

        return result;
    }
}
