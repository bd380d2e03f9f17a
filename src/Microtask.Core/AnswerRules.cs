using System.Globalization;

namespace Microtask.Core;

/// <summary>Checks a worker's answer against a project's kind before anything is stored.</summary>
public static class AnswerRules
{
    public const int MaxTextLength = 1000;

    /// <summary>The value chosen by button <paramref name="index"/>, or null when the index is out of range.</summary>
    public static string? Choice(Project project, int index) =>
        index >= 0 && index < project.Choices.Count ? project.Choices[index] : null;

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
            AnswerKind.Number => decimal.TryParse(trimmed.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number.ToString(CultureInfo.InvariantCulture)
                : null,
            _ => null,
        };
    }

    /// <summary>Case- and space-insensitive form used to compare answers (gold checks, free-text majority).</summary>
    public static string Normalize(string answer) =>
        string.Join(' ', answer.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
