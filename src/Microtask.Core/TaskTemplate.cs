using System.Net;
using System.Text.RegularExpressions;

namespace Microtask.Core;

/// <summary>Renders a project's template: each <c>{{field}}</c> becomes the task's value, HTML-escaped.</summary>
public static partial class TaskTemplate
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_\- ]+?)\s*\}\}")]
    private static partial Regex Placeholder();

    public static string Render(string template, IReadOnlyDictionary<string, string> fields) =>
        Placeholder().Replace(template, m => fields.TryGetValue(m.Groups[1].Value, out var value) ? Escape(value) : string.Empty);

    /// <summary>The field names a template uses, in order of first appearance.</summary>
    public static IReadOnlyList<string> Fields(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct().ToList();

    /// <summary>Escapes the three characters Telegram's HTML parse mode cares about (and quotes, for attributes).</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);
}
