using System.Globalization;
using Microtask.Bot.Requesters;
using Microtask.Core;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>The /newproject wizard refuses a template link Telegram would not open, and says where it is.</summary>
public sealed class TemplateLinkTests
{
    [Theory]
    [InlineData("en", "character 10", "http")]
    [InlineData("id", "karakter 10", "http")]
    public void A_javascript_link_is_refused_with_its_place(string language, string place, string allowed)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        var atTemplate = new ProjectDraft { Step = DraftStep.Template, Title = "T", Instructions = "I", Kind = AnswerKind.YesNo };

        var (after, hint) = atTemplate.Answer("{{text}} <a href=\"javascript:alert(1)\">more</a>");

        Assert.Same(atTemplate, after);
        Assert.NotNull(hint);
        Assert.Contains(place, hint);
        Assert.Contains(allowed, hint);
    }
}
