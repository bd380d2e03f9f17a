namespace Microtask.Core;

/// <summary>A pairwise answer as stored: which of the two items won, or that they were the same.</summary>
public static class Pairs
{
    public const string A = "A";
    public const string B = "B";
    public const string Same = "same";

    /// <summary>The two items a pairwise task compares: the values of the template's first two fields, or null when it has fewer.</summary>
    public static (string A, string B)? Items(string template, IReadOnlyDictionary<string, string> fields)
    {
        var names = TaskTemplate.Fields(template);
        return names.Count >= 2 && fields.TryGetValue(names[0], out var a) && fields.TryGetValue(names[1], out var b) ? (a, b) : null;
    }
}
