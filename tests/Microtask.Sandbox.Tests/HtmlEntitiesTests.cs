using Microtask.Sandbox.Api;

namespace Microtask.Sandbox.Tests;

public sealed class HtmlEntitiesTests
{
    [Fact]
    public void Tags_are_stripped_and_entities_decoded_with_utf16_offsets()
    {
        var parsed = HtmlEntities.Parse("😀 <b>bold <i>both</i></b> &lt;x&gt; &quot;q&quot; &#65;&#x42;");

        Assert.Equal("😀 bold both <x> \"q\" AB", parsed.Plain);
        Assert.Equal([("bold", 3, 9), ("italic", 8, 4)], parsed.Entities.Select(e => (e.Type, e.Offset, e.Length)));
    }

    [Fact]
    public void Every_tag_telegram_allows_is_accepted()
    {
        var parsed = HtmlEntities.Parse(
            "<b>b</b><strong>b</strong><i>i</i><em>i</em><u>u</u><ins>u</ins><s>s</s><strike>s</strike><del>s</del>" +
            "<a href=\"https://t.me\">a</a><code>c</code><pre><code class=\"language-cs\">p</code></pre>" +
            "<tg-spoiler>x</tg-spoiler><span class=\"tg-spoiler\">x</span><blockquote>q</blockquote>" +
            "<blockquote expandable>q</blockquote><tg-emoji emoji-id=\"5368324170671202286\">👍</tg-emoji>");

        Assert.Equal(
            ["bold", "bold", "italic", "italic", "underline", "underline", "strikethrough", "strikethrough", "strikethrough",
             "text_link", "code", "pre", "spoiler", "spoiler", "blockquote", "expandable_blockquote", "custom_emoji"],
            parsed.Entities.Select(e => e.Type));
        Assert.Equal("https://t.me", parsed.Entities.Single(e => e.Type == "text_link").Url);
        Assert.Equal("cs", parsed.Entities.Single(e => e.Type == "pre").Language);
    }

    [Theory]
    [InlineData("<b>x", "Can't find end tag corresponding to start tag \"b\"")]
    [InlineData("<b>x</i>", "Unmatched end tag at byte offset 4, expected \"</b>\", found \"</i>\"")]
    [InlineData("<p>x</p>", "Unsupported start tag \"p\" at byte offset 0")]
    [InlineData("a & b", "Can't find end of the entity starting at byte offset 2")]
    [InlineData("é<", "Unclosed start tag at byte offset 2")]
    public void Malformed_html_names_the_problem(string html, string why)
    {
        var error = Assert.Throws<BotApiException>(() => HtmlEntities.Parse(html));

        Assert.Equal("Bad Request: can't parse entities: " + why, error.Description);
    }

    [Fact]
    public void Plain_text_of_a_chat_message_depends_on_its_parse_mode()
    {
        var html = new ChatMessage(1, 1, true, "<b>1 &lt; 2</b>", "HTML", [], null, null, DateTimeOffset.UnixEpoch, null);
        var plain = html with { ParseMode = null };

        Assert.Equal("1 < 2", html.PlainText);
        Assert.Equal("<b>1 &lt; 2</b>", plain.PlainText);
    }
}
