using System.Globalization;

namespace Microtask.Core;

/// <summary>Checks a worker's answer against a project's kind before anything is stored.</summary>
public static class AnswerRules
{
    public const int MaxTextLength = 1000;

    /// <summary>The value chosen by button <paramref name="index"/>, or null when the index is out of range.</summary>
    public static string? Choice(Project project, int index) =>
        index >= 0 && index < project.Choices.Count ? project.Choices[index] : null;

    /// <summary>
    /// A number answer has at most this many digits before the decimal point and <see cref="MaxNumberDecimals"/> after it:
    /// room for any count or amount a task asks for, and far from the edge of what results can add and compare.
    /// </summary>
    public const int MaxNumberDigits = 15;

    public const int MaxNumberDecimals = 10;

    private const decimal NumberLimit = 1_000_000_000_000_000m;

    public enum NumberReading
    {
        Number,
        NotANumber,

        /// <summary>A number, but too large or too precise to be an answer (see <see cref="MaxNumberDigits"/>).</summary>
        OutOfRange,
    }

    /// <summary>A typed answer as it will be stored, or null when it does not fit the kind.</summary>
    public static string? ParseTyped(Project project, string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxTextLength)
        {
            return null;
        }

        return project.Kind switch
        {
            AnswerKind.FreeText => trimmed,
            AnswerKind.Number => ReadNumber(trimmed) is (NumberReading.Number, var number) ? number.ToString(CultureInfo.InvariantCulture) : null,
            _ => null,
        };
    }

    /// <summary>A typed number: digits of any script, a decimal comma or point, an exponent ("1e3").</summary>
    public static (NumberReading Reading, decimal Value) ReadNumber(string text)
    {
        var ascii = Digits.Ascii(text.Trim()).Replace(',', '.');
        if (!decimal.TryParse(ascii, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            // Beyond decimal's range, yet a number ("1e40"): too large, not a typo.
            return double.TryParse(ascii, NumberStyles.Float, CultureInfo.InvariantCulture, out var wide) && !double.IsNaN(wide) && ascii.Any(char.IsAsciiDigit)
                ? (NumberReading.OutOfRange, 0)
                : (NumberReading.NotANumber, 0);
        }

        // A nonzero mantissa read as 0 ("1e-40") was too small for decimal to keep.
        var underflow = number == 0 && ascii.TakeWhile(c => c is not ('e' or 'E')).Any(c => c is >= '1' and <= '9');
        return underflow || Math.Abs(number) >= NumberLimit || decimal.Round(number, MaxNumberDecimals) != number
            ? (NumberReading.OutOfRange, 0)
            : (NumberReading.Number, number);
    }

    /// <summary>Case- and space-insensitive form used to compare answers (gold checks, free-text majority).</summary>
    public static string Normalize(string answer) =>
        string.Join(' ', answer.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
