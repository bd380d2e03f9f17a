namespace Microtask.Core.Tests;

/// <summary>A template Telegram would refuse is caught when the requester writes it, not when tasks fail to send.</summary>
public sealed class TelegramHtmlTests
{
    [Theory]
    [InlineData("<b>Review:</b> {{text}}")]
    [InlineData("<i>{{a}}</i> &amp; <code>{{b}}</code> &lt;3 &#128512; &#x1F600;")]
    [InlineData("<a href=\"https://example.com/?a=1&amp;b=2\">link</a> <span class=\"tg-spoiler\">x</span>")]
    [InlineData("<b><i>nested</i></b><pre><code class='language-python'>x</code></pre>")]
    [InlineData("plain text with {{field}}")]
    [InlineData("a > b & c {{x}}")]
    [InlineData("<blockquote expandable>{{x}}</blockquote> <a href=example.com>x</a> <tg-spoiler>s</tg-spoiler>")]
    [InlineData("<a href=\"tg://user?id=42\">x</a> <a href='HTTP://x.org/{{id}}'>y</a> <a href=\"{{url}}\">z</a>")]
    [InlineData("<a href=\"https://x.org/a:b\">x</a> <a href=\"x.org/?q=a:b\">y</a>")]
    public void Accepts_what_telegram_accepts(string html) => Assert.Null(TelegramHtml.Check(html));

    [Theory]
    [InlineData("a < b {{x}}", TelegramHtml.Fault.StrayLess, 3, "")]
    [InlineData("bad &#xD800; char", TelegramHtml.Fault.BadEntity, 5, "")]
    [InlineData("<span>x</span>", TelegramHtml.Fault.BadAttribute, 1, "span")]
    [InlineData("<b class=\"x\">x</b>", TelegramHtml.Fault.BadAttribute, 1, "b")]
    [InlineData("<a href=https://x>x</a>", TelegramHtml.Fault.StrayLess, 1, "")]
    [InlineData("<script>alert(1)</script>", TelegramHtml.Fault.UnknownTag, 1, "script")]
    [InlineData("<img src=x onerror=alert(1)>", TelegramHtml.Fault.UnknownTag, 1, "img")]
    [InlineData("<b>bold</i>", TelegramHtml.Fault.NotOpen, 8, "i")]
    [InlineData("<b><i>x</b></i>", TelegramHtml.Fault.NotOpen, 8, "b")]
    [InlineData("<b>never closed", TelegramHtml.Fault.NotClosed, 15, "b")]
    public void Names_what_telegram_would_refuse_and_where(string html, TelegramHtml.Fault fault, int position, string tag) =>
        Assert.Equal(new TelegramHtml.Problem(fault, position, tag), TelegramHtml.Check(html));

    /// <summary>Telegram opens http, https and tg links only; any other scheme, however it is spelt, is refused where its tag starts.</summary>
    [Theory]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", 1)]
    [InlineData("{{x}} <a href='JavaScript:alert(1)'>x</a>", 7)]
    [InlineData("<b>x</b><a href=\"jav&#97;script:alert(1)\">x</a>", 9)]
    [InlineData("<a href=\" data:text/html,x\">x</a>", 1)]
    [InlineData("<a href=\"java\tscript:x\">x</a>", 1)]
    [InlineData("<a href=\"mailto:a@b.c\">x</a>", 1)]
    [InlineData("<a href=\"{{scheme}}:x\">x</a>", 1)]
    [InlineData("<a href=\"localhost:8080/x\">x</a>", 1)]
    public void Refuses_links_telegram_does_not_open_and_says_where(string html, int position) =>
        Assert.Equal(new TelegramHtml.Problem(TelegramHtml.Fault.BadLink, position, "a"), TelegramHtml.Check(html));
}
