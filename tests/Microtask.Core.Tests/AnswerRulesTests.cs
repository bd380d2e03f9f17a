namespace Microtask.Core.Tests;

public class AnswerRulesTests
{
    private static Project Project(AnswerKind kind) =>
        new(1, "t", "i", kind, ["red", "green"], "{{x}}", 100, 3, TimeSpan.FromMinutes(5), ProjectState.Active);

    [Theory]
    [InlineData(" 12,5 ", "12.5")]
    [InlineData("-3", "-3")]
    [InlineData("1e3", "1000")]
    [InlineData("twelve", null)]
    [InlineData("   ", null)]
    [InlineData("٤٢,٥", "42.5")]
    [InlineData("９９９９９９９９９９９９９９９", "999999999999999")]
    [InlineData("0.0000000001", "0.0000000001")]
    [InlineData("79228162514264337593543950335", null)]
    [InlineData("-1000000000000000", null)]
    [InlineData("1e15", null)]
    [InlineData("1e40", null)]
    [InlineData("1e-40", null)]
    [InlineData("0.00000000001", null)]
    public void Parses_numbers_invariantly_accepting_a_decimal_comma(string text, string? expected) =>
        Assert.Equal(expected, AnswerRules.ParseTyped(Project(AnswerKind.Number), text));

    [Fact]
    public void Keeps_free_text_trimmed_and_refuses_it_when_too_long()
    {
        Assert.Equal("halo dunia", AnswerRules.ParseTyped(Project(AnswerKind.FreeText), "  halo dunia "));
        Assert.Null(AnswerRules.ParseTyped(Project(AnswerKind.FreeText), new string('x', AnswerRules.MaxTextLength + 1)));
    }

    [Fact]
    public void Refuses_typed_answers_to_button_kinds() =>
        Assert.Null(AnswerRules.ParseTyped(Project(AnswerKind.SingleChoice), "red"));

    [Theory]
    [InlineData(0, "red")]
    [InlineData(1, "green")]
    [InlineData(2, null)]
    [InlineData(-1, null)]
    public void Maps_a_button_index_to_its_choice_only_within_range(int index, string? expected) =>
        Assert.Equal(expected, AnswerRules.Choice(Project(AnswerKind.SingleChoice), index));

    [Fact]
    public void Normalises_case_and_whitespace() =>
        Assert.Equal("new york city", AnswerRules.Normalize("  New\tYORK   city\n"));
}
