using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Microtask.Core;

/// <summary>
/// Checks that a requester's template is HTML that Telegram's parse mode accepts (its parser's rules): only its
/// tags, with only their attributes (a span only as a spoiler), each closed in order; numeric entities naming real
/// characters; links only to what Telegram opens (http, https, tg, or no scheme at all). A bare <c>&gt;</c> or an
/// <c>&amp;</c> that starts no entity is text to Telegram, and fine here too.
/// A template that fails here would make every task of the project fail to send, so it is refused when it is
/// written, with the place it went wrong.
/// </summary>
public static partial class TelegramHtml
{
    public enum Fault
    {
        StrayLess,
        BadEntity,
        UnknownTag,
        BadAttribute,
        NotOpen,
        NotClosed,

        /// <summary>A link whose scheme Telegram does not open (<c>javascript:</c>, <c>data:</c>, <c>mailto:</c>, …).</summary>
        BadLink,
    }

    /// <summary>What is wrong and where: <see cref="Tag"/> names the tag, <see cref="Position"/> counts characters from 1.</summary>
    public sealed record Problem(Fault Fault, int Position, string Tag = "");

    private static readonly HashSet<string> LinkSchemes = ["http", "https", "tg"];

    private static readonly HashSet<string> Tags =
        ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre", "a", "span", "tg-spoiler", "blockquote", "tg-emoji"];

    // Attribute values: quoted, or unquoted from letters, digits, '.' and '-' only (as Telegram's parser allows).
    [GeneratedRegex(@"\G<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:""[^""<>]*""|'[^'<>]*'|[A-Za-z0-9.\-]+))?)*)\s*>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\G</?([a-zA-Z][a-zA-Z0-9-]*)")]
    private static partial Regex TagName();

    [GeneratedRegex(@"\s+([a-zA-Z-]+)(?:\s*=\s*(?:""([^""]*)""|'([^']*)'|([A-Za-z0-9.\-]+)))?")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"\G&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));")]
    private static partial Regex NumericEntity();

    /// <summary>Null when Telegram will accept <paramref name="html"/>; otherwise what is wrong, for the requester.</summary>
    public static Problem? Check(string html)
    {
        var open = new Stack<string>();
        for (var i = 0; i < html.Length; i++)
        {
            switch (html[i])
            {
                case '<':
                    if (TagName().Match(html, i) is { Success: true } named && !Tags.Contains(named.Groups[1].Value.ToLowerInvariant()))
                    {
                        return new(Fault.UnknownTag, i + 1, named.Groups[1].Value.ToLowerInvariant());
                    }

                    var tag = TagPattern().Match(html, i);
                    if (!tag.Success)
                    {
                        return new(Fault.StrayLess, i + 1);
                    }

                    var name = tag.Groups[2].Value.ToLowerInvariant();

                    if (tag.Groups[1].Value == "/")
                    {
                        if (!open.TryPop(out var expected) || expected != name)
                        {
                            return new(Fault.NotOpen, i + 1, name);
                        }
                    }
                    else if (!AttributesAllowed(name, tag.Groups[3].Value))
                    {
                        return new(Fault.BadAttribute, i + 1, name);
                    }
                    else if (name == "a" && !Opens(tag.Groups[3].Value))
                    {
                        return new(Fault.BadLink, i + 1, name);
                    }
                    else
                    {
                        open.Push(name);
                    }

                    i += tag.Length - 1;
                    break;
                case '&' when NumericEntity().Match(html, i) is { Success: true } entity && !IsCharacter(entity):
                    return new(Fault.BadEntity, i + 1);
            }
        }

        return open.TryPop(out var unclosed) ? new(Fault.NotClosed, html.Length, unclosed) : null;
    }

    /// <summary>A span is only a spoiler; code may name its language; a link needs its href; blockquote may be expandable.</summary>
    private static bool AttributesAllowed(string tag, string attributes)
    {
        var given = Attributes(attributes);
        return tag switch
        {
            "span" => given is [("class", "tg-spoiler")],
            "a" => given.All(a => a.Name == "href"),
            "code" => given.All(a => a.Name == "class" && a.Value.StartsWith("language-", StringComparison.Ordinal)),
            "blockquote" => given.All(a => a.Name == "expandable"),
            "tg-emoji" => given.All(a => a.Name == "emoji-id"),
            _ => given.Count == 0,
        };
    }

    /// <summary>
    /// Whether a link's scheme is one Telegram opens, read as a browser reads it: entities decoded, tabs and line breaks
    /// dropped, spaces around trimmed. A link with no scheme (nothing but a host or a field before its first ':' is one
    /// when a '/', '?' or '#' comes first) is opened as http.
    /// </summary>
    private static bool Opens(string attributes)
    {
        var href = WebUtility.HtmlDecode(Attributes(attributes).FirstOrDefault(a => a.Name == "href").Value ?? "");
        href = string.Concat(href.Where(c => c is not ('\t' or '\n' or '\r'))).Trim();
        var end = href.IndexOfAny([':', '/', '?', '#']);
        return end < 0 || href[end] != ':' || LinkSchemes.Contains(href[..end].ToLowerInvariant());
    }

    private static List<(string Name, string Value)> Attributes(string attributes) => Attribute().Matches(attributes)
        .Select(m => (Name: m.Groups[1].Value.ToLowerInvariant(), Value: m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value))
        .ToList();

    private static bool IsCharacter(Match entity)
    {
        var code = entity.Groups[1].Success
            ? long.Parse(entity.Groups[1].Value, CultureInfo.InvariantCulture)
            : long.Parse(entity.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF);
    }
}
