using System.Globalization;
using System.Text;

namespace Microtask.Core;

/// <summary>
/// Telegram's limits on what a bot sends, and texts cut to fit them: a message 4,096 characters after its HTML is
/// parsed, a caption 1,024, a button press's answer 200. A text built from users' words may be any length; cut here,
/// it ends with "…" and keeps its HTML balanced instead of being refused.
/// </summary>
public static class TelegramLimits
{
    public const int Message = 4096;
    public const int Caption = 1024;
    public const int Toast = 200;

    private const string Ellipsis = "…";

    /// <summary>Bot-made HTML (well-formed) cut to <paramref name="max"/> visible characters, its open tags closed.</summary>
    public static string FitHtml(string html, int max = Message)
    {
        if (html.Length <= max)
        {
            return html; // tags and entities only ever make the visible text shorter than the markup
        }

        var kept = new StringBuilder();
        var open = new Stack<string>();
        var visible = 0;
        for (var i = 0; i < html.Length;)
        {
            if (html[i] == '<' && html.IndexOf('>', i) is var end and > 0)
            {
                var tag = html[i..(end + 1)];
                var name = tag.TrimStart('<', '/').Split(' ', '>', '\n', '\t')[0].ToLowerInvariant();
                if (tag.StartsWith("</", StringComparison.Ordinal))
                {
                    open.TryPop(out _);
                }
                else if (!tag.EndsWith("/>", StringComparison.Ordinal))
                {
                    open.Push(name);
                }

                kept.Append(tag);
                i = end + 1;
                continue;
            }

            var (piece, length) = Character(html, i);
            if (visible + length > max - Ellipsis.Length)
            {
                kept.Append(Ellipsis[0]);
                while (open.TryPop(out var name))
                {
                    kept.Append("</").Append(name).Append('>');
                }

                return kept.ToString();
            }

            kept.Append(piece);
            visible += length;
            i += piece.Length;
        }

        return kept.ToString();
    }

    /// <summary>How many characters Telegram counts in bot-made HTML once parsed: its tags gone, its entities one each.</summary>
    public static int VisibleLength(string html)
    {
        var visible = 0;
        for (var i = 0; i < html.Length;)
        {
            if (html[i] == '<' && html.IndexOf('>', i) is var end and > 0)
            {
                i = end + 1;
                continue;
            }

            var (piece, length) = Character(html, i);
            visible += length;
            i += piece.Length;
        }

        return visible;
    }

    /// <summary>Plain text cut to <paramref name="max"/> characters, never inside an emoji or a letter with its marks.</summary>
    public static string FitPlain(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext() && cut.Length + elements.GetTextElement().Length <= max - Ellipsis.Length)
        {
            cut.Append(elements.GetTextElement());
        }

        return cut.Append(Ellipsis[0]).ToString();
    }

    /// <summary>One visible character at <paramref name="i"/>: an entity, a surrogate pair or a char; and how many UTF-16 units Telegram counts.</summary>
    private static (string Piece, int Length) Character(string html, int i)
    {
        if (html[i] == '&' && html.IndexOf(';', i) is var semicolon and > 0 && semicolon - i <= 10)
        {
            var entity = html[i..(semicolon + 1)];
            var decoded = System.Net.WebUtility.HtmlDecode(entity);
            if (decoded != entity)
            {
                return (entity, decoded.Length);
            }
        }

        return char.IsHighSurrogate(html[i]) && i + 1 < html.Length ? (html.Substring(i, 2), 2) : (html[i].ToString(), 1);
    }
}
