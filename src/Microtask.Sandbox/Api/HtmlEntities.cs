using System.Globalization;
using System.Text;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.Api;

internal sealed record ParsedText(string Plain, IReadOnlyList<WireEntity> Entities);

/// <summary>
/// Telegram's parse_mode=HTML: the allowed tag set, strict nesting, and the four named entities plus
/// numeric ones. Anything else is refused the way Telegram refuses it, so a bot that passes here
/// passes there.
/// </summary>
internal static class HtmlEntities
{
    private sealed record OpenTag(string Name, string Type, int Start, string? Url, string? Language, string? EmojiId);

    public static ParsedText Parse(string html)
    {
        var plain = new StringBuilder(html.Length);
        var entities = new List<WireEntity>();
        var open = new Stack<OpenTag>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '&')
            {
                i = ReadEntity(html, i, plain);
            }
            else if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0) throw Fail($"Unclosed start tag at byte offset {ByteOffset(html, i)}");
                var tag = html.Substring(i + 1, end - i - 1);
                if (tag.StartsWith('/')) CloseTag(html, i, tag[1..].Trim().ToLowerInvariant(), open, plain, entities);
                else open.Push(OpenTagFrom(html, i, tag, plain.Length, open));
                i = end + 1;
            }
            else
            {
                plain.Append(c);
                i++;
            }
        }
        if (open.Count > 0) throw Fail($"Can't find end tag corresponding to start tag \"{open.Peek().Name}\"");
        entities.Sort((a, b) => a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset) : b.Length.CompareTo(a.Length));
        return new ParsedText(plain.ToString(), entities);
    }

    /// <summary>Text without tags and with entities decoded; the raw text when it does not parse.</summary>
    public static string ToPlainText(string html)
    {
        try { return Parse(html).Plain; }
        catch (BotApiException) { return html; }
    }

    private static OpenTag OpenTagFrom(string html, int at, string tag, int start, Stack<OpenTag> open)
    {
        var nameEnd = 0;
        while (nameEnd < tag.Length && (char.IsAsciiLetterOrDigit(tag[nameEnd]) || tag[nameEnd] == '-')) nameEnd++;
        var name = tag[..nameEnd].ToLowerInvariant();
        var attributes = ReadAttributes(html, at, tag[nameEnd..]);
        string? Attr(string key) => attributes.TryGetValue(key, out var v) ? v : null;
        var type = name switch
        {
            "b" or "strong" => "bold",
            "i" or "em" => "italic",
            "u" or "ins" => "underline",
            "s" or "strike" or "del" => "strikethrough",
            "tg-spoiler" => "spoiler",
            "span" when Attr("class") == "tg-spoiler" => "spoiler",
            "a" => "text_link",
            "code" => "code",
            "pre" => "pre",
            "blockquote" => attributes.ContainsKey("expandable") ? "expandable_blockquote" : "blockquote",
            "tg-emoji" => "custom_emoji",
            _ => throw Fail($"Unsupported start tag \"{name}\" at byte offset {ByteOffset(html, at)}"),
        };
        if (type == "text_link" && string.IsNullOrEmpty(Attr("href")))
            throw Fail($"Can't find URL in \"a\" tag at byte offset {ByteOffset(html, at)}");
        if (type == "custom_emoji" && string.IsNullOrEmpty(Attr("emoji-id")))
            throw Fail($"Can't find emoji-id in \"tg-emoji\" tag at byte offset {ByteOffset(html, at)}");
        // <pre><code class="language-x"> gives the pre block a language instead of a nested code entity.
        var language = type == "code" && open.TryPeek(out var parent) && parent.Type == "pre"
            && Attr("class") is { } cls && cls.StartsWith("language-", StringComparison.Ordinal) ? cls["language-".Length..] : null;
        return new OpenTag(name, type, start, Attr("href"), language, Attr("emoji-id"));
    }

    private static void CloseTag(string html, int at, string name, Stack<OpenTag> open, StringBuilder plain, List<WireEntity> entities)
    {
        if (!open.TryPop(out var tag))
            throw Fail($"Unexpected end tag at byte offset {ByteOffset(html, at)}");
        if (tag.Name != name)
            throw Fail($"Unmatched end tag at byte offset {ByteOffset(html, at)}, expected \"</{tag.Name}>\", found \"</{name}>\"");
        var length = plain.Length - tag.Start;
        if (tag.Language is { } language && open.TryPeek(out var pre) && pre.Type == "pre")
        {
            // Merge into the enclosing pre: Telegram reports one pre entity with its language.
            open.Pop();
            open.Push(pre with { Language = language });
            return;
        }
        if (length == 0) return;
        entities.Add(new WireEntity(tag.Type, tag.Start, length, tag.Type == "text_link" ? tag.Url : null,
            tag.Type == "pre" ? tag.Language : null, tag.EmojiId));
    }

    private static Dictionary<string, string> ReadAttributes(string html, int at, string rest)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (true)
        {
            while (i < rest.Length && char.IsWhiteSpace(rest[i])) i++;
            if (i >= rest.Length) return result;
            var keyStart = i;
            while (i < rest.Length && (char.IsAsciiLetterOrDigit(rest[i]) || rest[i] == '-' || rest[i] == '_')) i++;
            if (i == keyStart) throw Fail($"Expected equal sign in declaration of an attribute of a start tag at byte offset {ByteOffset(html, at)}");
            var key = rest[keyStart..i].ToLowerInvariant();
            while (i < rest.Length && char.IsWhiteSpace(rest[i])) i++;
            if (i >= rest.Length || rest[i] != '=') { result[key] = ""; continue; }
            i++;
            while (i < rest.Length && char.IsWhiteSpace(rest[i])) i++;
            string raw;
            if (i < rest.Length && rest[i] is '"' or '\'')
            {
                var close = rest.IndexOf(rest[i], i + 1);
                if (close < 0) throw Fail($"Unclosed attribute value in a start tag at byte offset {ByteOffset(html, at)}");
                raw = rest[(i + 1)..close];
                i = close + 1;
            }
            else
            {
                var start = i;
                while (i < rest.Length && !char.IsWhiteSpace(rest[i])) i++;
                raw = rest[start..i];
            }
            var value = new StringBuilder();
            for (var j = 0; j < raw.Length;) j = raw[j] == '&' ? ReadEntity(raw, j, value) : Append(value, raw[j], j);
            result[key] = value.ToString();
        }
    }

    private static int Append(StringBuilder sb, char c, int j) { sb.Append(c); return j + 1; }

    /// <summary>Decodes the entity at <paramref name="at"/> into <paramref name="output"/>; returns the index after it.</summary>
    private static int ReadEntity(string text, int at, StringBuilder output)
    {
        var semicolon = text.IndexOf(';', at);
        if (semicolon < 0 || semicolon - at > 12)
            throw Fail($"Can't find end of the entity starting at byte offset {ByteOffset(text, at)}");
        var name = text[(at + 1)..semicolon];
        string? decoded = name switch
        {
            "lt" => "<",
            "gt" => ">",
            "amp" => "&",
            "quot" => "\"",
            _ when name.StartsWith("#x", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(name[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) => CodePoint(hex),
            _ when name.StartsWith('#')
                && int.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var dec) => CodePoint(dec),
            _ => null,
        };
        if (decoded is null)
            throw Fail($"Unsupported entity \"&{name};\" at byte offset {ByteOffset(text, at)}");
        output.Append(decoded);
        return semicolon + 1;
    }

    private static string? CodePoint(int value) =>
        value is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32(value) : null;

    private static int ByteOffset(string text, int index) => Encoding.UTF8.GetByteCount(text.AsSpan(0, index));

    private static BotApiException Fail(string why) => BotApiException.BadRequest("can't parse entities: " + why);
}
