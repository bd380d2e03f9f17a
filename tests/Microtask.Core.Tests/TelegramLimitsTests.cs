namespace Microtask.Core.Tests;

public class TelegramLimitsTests
{
    [Fact]
    public void Html_within_the_limit_is_left_as_it_is()
    {
        var html = "<b>" + new string('a', 4000) + "</b> &amp; more";
        Assert.Same(html, TelegramLimits.FitHtml(html));
    }

    [Fact]
    public void Long_html_is_cut_to_the_limit_with_an_ellipsis_and_its_open_tags_closed()
    {
        var html = "<b>Reason:</b> <i>" + string.Concat(Enumerable.Repeat("x &lt; y ", 2000)) + "</i>";

        var fit = TelegramLimits.FitHtml(html);

        Assert.Null(TelegramHtml.Check(fit));
        Assert.EndsWith("…</i>", fit);
        var visible = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(fit, "<[^>]+>", ""));
        Assert.Equal(TelegramLimits.Message, visible.Length);
    }

    [Fact]
    public void A_cut_never_splits_an_entity_or_a_surrogate_pair()
    {
        var html = string.Concat(Enumerable.Repeat("😀&amp;", 3000));

        var fit = TelegramLimits.FitHtml(html, 101);

        Assert.Null(TelegramHtml.Check(fit));
        Assert.DoesNotContain("&am…", fit);
        Assert.Equal(fit, System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(fit))); // no lone surrogate
    }

    [Fact]
    public void Plain_text_is_cut_between_text_elements()
    {
        var text = string.Concat(Enumerable.Repeat("e\u0301👍🏽", 100));

        var fit = TelegramLimits.FitPlain(text, TelegramLimits.Toast);

        Assert.True(fit.Length <= TelegramLimits.Toast);
        Assert.EndsWith("👍🏽…", fit);
    }
}
