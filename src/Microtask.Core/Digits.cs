using System.Globalization;
using System.Text;

namespace Microtask.Core;

/// <summary>Numbers as users type them: any script's decimal digits (٣, ３, ३) read as the ASCII digits they are.</summary>
public static class Digits
{
    /// <summary>The text with every decimal digit of any script replaced by its ASCII digit; everything else unchanged.</summary>
    public static string Ascii(string text)
    {
        if (text.All(c => c < 128))
        {
            return text;
        }

        var ascii = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var value = CharUnicodeInfo.GetDecimalDigitValue(rune.ToString(), 0);
            if (value >= 0 && Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber)
            {
                ascii.Append((char)('0' + value));
            }
            else
            {
                ascii.Append(rune.ToString());
            }
        }

        return ascii.ToString();
    }
}
