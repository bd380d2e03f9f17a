namespace Microtask.Core.Tests;

public class ChoiceSetTests
{
    private static Project Project(bool none) =>
        new(1, "t", "i", AnswerKind.MultipleChoice, ["a", "b", "c"], "{{x}}", 0, 1, TimeSpan.FromMinutes(1), ProjectState.Active)
        {
            Settings = new AnswerSettings { NoneOption = none },
        };

    [Fact]
    public void Toggling_ticks_and_unticks_and_none_of_these_clears_the_options_and_the_other_way_round()
    {
        var mask = ChoiceSet.Toggle(0, 0);
        mask = ChoiceSet.Toggle(mask, 2);
        Assert.Equal(0b101, mask);
        Assert.Equal(0b001, ChoiceSet.Toggle(mask, 2));
        Assert.Equal(ChoiceSet.NoneMask, ChoiceSet.Toggle(mask, ChoiceSet.NoneBit));
        Assert.Equal(0b010, ChoiceSet.Toggle(ChoiceSet.NoneMask, 1));
        Assert.Equal(0, ChoiceSet.Toggle(ChoiceSet.NoneMask, ChoiceSet.NoneBit));
    }

    [Fact]
    public void A_mask_naming_a_missing_option_or_an_unoffered_none_is_not_valid()
    {
        Assert.True(ChoiceSet.Valid(Project(none: false), 0b111));
        Assert.False(ChoiceSet.Valid(Project(none: false), 0b1000));
        Assert.False(ChoiceSet.Valid(Project(none: false), ChoiceSet.NoneMask));
        Assert.True(ChoiceSet.Valid(Project(none: true), ChoiceSet.NoneMask));
        Assert.False(ChoiceSet.Valid(Project(none: true), ChoiceSet.NoneMask | 1));
        Assert.False(ChoiceSet.Valid(Project(none: true), -1));
    }

    [Fact]
    public void The_stored_answer_is_the_ticked_options_in_order_and_none_of_these_is_empty()
    {
        Assert.Equal("[\"a\",\"c\"]", ChoiceSet.Answer(Project(false), 0b101));
        Assert.Equal("[]", ChoiceSet.Answer(Project(true), ChoiceSet.NoneMask));
        Assert.Null(ChoiceSet.Answer(Project(true), 0));
        Assert.Equal(["a", "c"], ChoiceSet.Read("[\"a\",\"c\"]")!);
        Assert.Null(ChoiceSet.Read("a"));
    }
}
