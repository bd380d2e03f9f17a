namespace Microtask.Core.Tests;

public class TaskTemplateTests
{
    [Fact]
    public void Renders_fields_html_escaped_and_unknown_fields_empty()
    {
        var fields = new Dictionary<string, string> { ["text"] = "<b>5 > 3 & \"x\"</b>", ["name"] = "Budi" };

        var rendered = TaskTemplate.Render("Hi {{ name }}: {{text}} {{missing}}!", fields);

        Assert.Equal("Hi Budi: &lt;b&gt;5 &gt; 3 &amp; &quot;x&quot;&lt;/b&gt; !", rendered);
    }

    [Fact]
    public void Lists_the_fields_a_template_uses_once_each_in_order() =>
        Assert.Equal(["b", "a"], TaskTemplate.Fields("{{b}} {{a}} {{ b }}"));
}
