using Microtask.Core.Quality;

namespace Microtask.Core.Tests.Quality;

public class FreeTextMajorityTests
{
    [Fact]
    public void Counts_answers_equal_after_normalising_as_one_and_reports_the_most_common_spelling()
    {
        AnswerRecord[] answers =
        [
            new(1, "a", "New  York"), new(1, "b", " new york "), new(1, "c", "new york"),
            new(1, "d", "NEW YORK"), new(1, "e", "Boston"),
        ];

        var only = Assert.Single(FreeTextMajority.Aggregate(answers));

        Assert.Equal("new york", only.Value);
        Assert.Equal(0.8, only.Agreement, 9);
        Assert.Equal(5, only.Answers);
        Assert.Equal(AggregationMethod.FreeTextMajority, only.Method);
    }

    [Fact]
    public void Reports_the_first_seen_spelling_when_spellings_are_equally_common()
    {
        AnswerRecord[] answers = [new(1, "a", "Jakarta "), new(1, "b", "JAKARTA"), new(1, "c", "Bandung")];

        Assert.Equal("Jakarta", Assert.Single(FreeTextMajority.Aggregate(answers)).Value);
    }

    [Fact]
    public void Reports_a_tie_between_normalised_groups()
    {
        AnswerRecord[] answers = [new(1, "a", "Kucing"), new(1, "b", "kucing "), new(1, "c", "Anjing"), new(1, "d", "ANJING")];

        var only = Assert.Single(FreeTextMajority.Aggregate(answers));

        Assert.True(only.Tie);
        Assert.Null(only.Value);
    }

    [Fact]
    public void Leaves_out_blank_answers()
    {
        AnswerRecord[] answers = [new(1, "a", "   "), new(1, "b", "ok")];

        var only = Assert.Single(FreeTextMajority.Aggregate(answers));

        Assert.Equal(("ok", 1, 1.0), (only.Value, only.Answers, only.Agreement));
    }
}
