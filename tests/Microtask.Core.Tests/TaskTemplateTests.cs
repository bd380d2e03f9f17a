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

    [Fact]
    public void Media_columns_are_fields_a_batch_must_have() =>
        Assert.Equal(["photo", "caption", "clip"], TaskTemplate.Fields("{{image:photo}}\n{{caption}} {{ Audio : clip }} {{image:photo}}"));

    [Fact]
    public void Lists_media_fields_in_template_order_each_once()
    {
        var media = TaskTemplate.MediaFields("{{video:b}} {{text}} {{IMAGE:a}} {{video: b }} {{image:c}}");

        Assert.Equal([new MediaField(MediaKind.Video, "b"), new MediaField(MediaKind.Image, "a"), new MediaField(MediaKind.Image, "c")], media);
    }

    [Fact]
    public void A_text_template_has_no_media_fields() =>
        Assert.Empty(TaskTemplate.MediaFields("Is {{name}} a cat? {{image}}"));

    [Fact]
    public void A_column_named_like_a_kind_stays_a_text_field() =>
        Assert.Equal("x &lt;", TaskTemplate.Render("{{image}}", new Dictionary<string, string> { ["image"] = "x <" }));

    [Fact]
    public void Media_placeholders_render_as_nothing_and_take_their_blank_lines_with_them()
    {
        var fields = new Dictionary<string, string> { ["photo"] = "https://example.org/cat.jpg", ["name"] = "Mimi" };

        Assert.Equal("Is <b>Mimi</b> a cat?", TaskTemplate.Render("{{image:photo}}\nIs <b>{{name}}</b> a cat?", fields));
        Assert.Equal("Is Mimi a cat?\n", TaskTemplate.Render("{{image:photo}}\n\nIs {{name}} a cat?\n", fields));
        Assert.Equal("Is Mimi a cat?", TaskTemplate.Render("Is {{name}} a cat?\n\n{{image:photo}}", fields));
        Assert.Equal("Title\nIs Mimi a cat?", TaskTemplate.Render("Title\n{{image:photo}}\n{{video:photo}}\nIs {{name}} a cat?", fields));
        Assert.Equal("Title\n\nIs Mimi a cat?", TaskTemplate.Render("Title\n\n{{image:photo}}\n\nIs {{name}} a cat?", fields));
        Assert.Equal("Photo:  of Mimi", TaskTemplate.Render("Photo: {{image:photo}} of {{name}}", fields));
        Assert.Equal(string.Empty, TaskTemplate.Render("{{image:photo}}", fields));
    }

    [Fact]
    public void Blank_lines_the_author_wrote_stay_when_no_media_line_was_there()
    {
        var fields = new Dictionary<string, string> { ["a"] = "1", ["photo"] = "tg:x" };

        Assert.Equal("\nA 1\n\n\nB", TaskTemplate.Render("\nA {{a}}\n\n\nB\n{{image:photo}}", fields));
        Assert.Equal("\r\nA 1\r\n\r\n\r\nB\r\n", TaskTemplate.Render("\r\nA {{a}}\r\n\r\n\r\nB\r\n", fields));
    }

    [Fact]
    public void Field_values_keep_their_own_line_breaks()
    {
        var fields = new Dictionary<string, string> { ["text"] = "one\n\n\ntwo", ["photo"] = "tg:x" };

        Assert.Equal("one\n\n\ntwo", TaskTemplate.Render("{{image:photo}}\n{{text}}", fields));
    }

    [Theory]
    [InlineData("{{image:a}} {{text}}")]
    [InlineData("{{image:a}}{{video:b}}{{image:c}}")]
    [InlineData("{{audio:a}}\n{{audio:b}}")]
    [InlineData("{{voice:a}} {{voice:a}}")]
    [InlineData("{{image:a}} {{image:a}}")]
    [InlineData("no media {{at}} all")]
    public void Templates_telegram_can_send_pass_the_check(string template) =>
        Assert.Null(TaskTemplate.Check(template));

    [Fact]
    public void Ten_media_fields_pass_and_an_eleventh_is_refused_where_it_stands()
    {
        var ten = string.Concat(Enumerable.Range(0, 10).Select(i => $"{{{{image:p{i}}}}}"));

        Assert.Null(TaskTemplate.Check(ten));
        Assert.Equal(new TaskTemplate.Problem(TaskTemplate.Fault.TooManyMedia, ten.Length + 1, "p10"), TaskTemplate.Check(ten + "{{video:p10}}"));
    }

    [Fact]
    public void An_unknown_kind_is_refused_with_its_position() =>
        Assert.Equal(new TaskTemplate.Problem(TaskTemplate.Fault.UnknownKind, 7, "picture"), TaskTemplate.Check("Look: {{picture:x}}"));

    [Theory]
    [InlineData("{{image:a}} {{audio:b}}", TaskTemplate.Fault.AudioMixed, 13, "b")]
    [InlineData("{{audio:a}}\n{{video:b}}", TaskTemplate.Fault.AudioMixed, 13, "b")]
    [InlineData("{{voice:a}} {{voice:b}}", TaskTemplate.Fault.VoiceNotAlone, 13, "b")]
    [InlineData("{{image:a}} {{voice:b}}", TaskTemplate.Fault.VoiceNotAlone, 13, "b")]
    [InlineData("{{voice:a}} {{audio:b}}", TaskTemplate.Fault.VoiceNotAlone, 13, "b")]
    [InlineData("{{a}} {{image:a}}", TaskTemplate.Fault.ColumnReused, 7, "a")]
    [InlineData("{{image:a}} {{a}}", TaskTemplate.Fault.ColumnReused, 13, "a")]
    [InlineData("{{image:a}} {{video:a}}", TaskTemplate.Fault.ColumnReused, 13, "a")]
    public void Media_telegram_cannot_send_together_are_refused_where_the_clash_starts(string template, TaskTemplate.Fault fault, int position, string name) =>
        Assert.Equal(new TaskTemplate.Problem(fault, position, name), TaskTemplate.Check(template));

    [Fact]
    public void Kind_names_read_without_case_and_limits_follow_telegram()
    {
        Assert.Equal(MediaKind.Voice, MediaKinds.Parse("VOICE"));
        Assert.Null(MediaKinds.Parse("picture"));
        Assert.All(MediaKinds.All, kind => Assert.Equal(kind, MediaKinds.Parse(kind.Name())));
        Assert.Equal(10L * 1024 * 1024, MediaKind.Image.MaxBytes());
        Assert.Equal(50L * 1024 * 1024, MediaKind.Video.MaxBytes());
    }
}
