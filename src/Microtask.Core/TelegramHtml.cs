using System.Text.RegularExpressions;

namespace Microtask.Core;

/// <summary>
/// Checks that a requester's template is HTML that Telegram's parse mode accepts: only its tags, each closed in
/// order, and every <c>&amp;</c> starting an entity. A template that fails here would make every task of the
/// project fail to send, so it is refused when it is written, with the place it went wrong.
/// </summary>
public static partial class TelegramHtml
{
    public enum Fault
    {
        StrayLess,
        StrayGreater,
        StrayAmpersand,
        UnknownTag,
        NotOpen,
        NotClosed,
    }

    /// <summary>What is wrong and where: <see cref="Tag"/> names the tag, <see cref="Position"/> counts characters from 1.</summary>
    public sealed record Problem(Fault Fault, int Position, string Tag = "");

    private static readonly HashSet<string> Tags =
        ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre", "a", "span", "tg-spoiler", "blockquote"];

    [GeneratedRegex(@"\G<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+\s*=\s*(?:""[^""<>]*""|'[^'<>]*'|[^\s""'<>]+))*)\s*>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\G&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")]
    private static partial Regex Entity();

    /// <summary>Null when Telegram will accept <paramref name="html"/>; otherwise what is wrong, for the requester.</summary>
    public static Problem? Check(string html)
    {
        var open = new Stack<string>();
        for (var i = 0; i < html.Length; i++)
        {
            switch (html[i])
            {
                case '<':
                    var tag = TagPattern().Match(html, i);
                    if (!tag.Success)
                    {
                        return new(Fault.StrayLess, i + 1);
                    }

                    var name = tag.Groups[2].Value.ToLowerInvariant();
                    if (!Tags.Contains(name))
                    {
                        return new(Fault.UnknownTag, i + 1, name);
                    }

                    if (tag.Groups[1].Value == "/")
                    {
                        if (!open.TryPop(out var expected) || expected != name)
                        {
                            return new(Fault.NotOpen, i + 1, name);
                        }
                    }
                    else
                    {
                        open.Push(name);
                    }

                    i += tag.Length - 1;
                    break;
                case '>':
                    return new(Fault.StrayGreater, i + 1);
                case '&' when !Entity().IsMatch(html, i):
                    return new(Fault.StrayAmpersand, i + 1);
            }
        }

        return open.TryPop(out var unclosed) ? new(Fault.NotClosed, html.Length, unclosed) : null;
    }
}
