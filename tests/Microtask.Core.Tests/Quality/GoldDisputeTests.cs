using Microtask.Core.Quality;

namespace Microtask.Core.Tests.Quality;

/// <summary>When disputes and a gold task's own answers make the case against its gold answer, and which suspensions it alone caused.</summary>
public sealed class GoldDisputeTests
{
    [Fact]
    public void A_crowd_agreeing_on_another_value_with_three_disputes_makes_the_case()
    {
        var dispute = GoldDispute.Against("a", ["b", "b", "B ", "c"], disputes: 3);

        Assert.NotNull(dispute);
        Assert.Equal(new GoldDispute("b", 3, 4, 3), dispute); // 75 %, compared as gold answers are; spelled as most wrote it
    }

    [Theory]
    [InlineData(2, new[] { "b", "b", "b", "b" })] // too few disputes
    [InlineData(3, new[] { "b", "b" })] // too few answers
    [InlineData(3, new[] { "b", "b", "c", "c" })] // split: 50 %
    [InlineData(3, new[] { "b", "b", "c" })] // 67 %, under 70 %
    [InlineData(3, new[] { "A", "a", "a", "b" })] // the crowd agrees with the gold
    public void The_case_is_not_made_without_enough_disputes_answers_or_agreement_against_the_gold(int disputes, string[] answers) =>
        Assert.Null(GoldDispute.Against("a", answers, disputes));

    [Fact]
    public void Other_thresholds_ask_for_other_counts()
    {
        var lenient = new DisputeThresholds(2, 2, 60);
        Assert.NotNull(GoldDispute.Against("a", ["b", "b", "c"], disputes: 2, lenient)); // 67 % of 3, 2 disputes
        Assert.Null(GoldDispute.Against("a", ["b", "b", "c"], disputes: 2)); // the default asks 3 disputes and 70 %
        Assert.Null(GoldDispute.Against("a", ["b", "b", "c", "c", "d"], disputes: 5, lenient)); // 40 %
    }

    [Fact]
    public void Seventy_percent_exactly_is_enough() =>
        Assert.NotNull(GoldDispute.Against("a", [.. Enumerable.Repeat("b", 7), "a", "c", "d"], disputes: 3));

    [Fact]
    public void A_suspension_is_the_faulty_golds_alone_when_the_recomputed_record_passes_every_gold_rule()
    {
        var accuracy = QualityRules.Default with { MinAccuracy = 60, MinGold = 4 };
        Assert.True(GoldDispute.GoldRulesSuspend(accuracy, new QualityRecord(2, 4, 0, false))); // 50 % after 4
        Assert.False(GoldDispute.GoldRulesSuspend(accuracy, new QualityRecord(2, 3, 0, false))); // fewer than 4: not judged
        Assert.True(GoldDispute.GoldRulesSuspend(accuracy, new QualityRecord(1, 4, 0, false))); // still below without it

        var qualification = QualityRules.Default with { MinAccuracy = 60, MinGold = 8, Qualification = 3 };
        Assert.True(GoldDispute.GoldRulesSuspend(qualification, new QualityRecord(1, 3, 0, false)));
        Assert.False(GoldDispute.GoldRulesSuspend(qualification, new QualityRecord(1, 2, 0, false))); // not all its gold answers in yet
        Assert.False(GoldDispute.GoldRulesSuspend(qualification, new QualityRecord(3, 3, 0, false))); // passed
        Assert.False(GoldDispute.GoldRulesSuspend(qualification, new QualityRecord(1, 3, 0, true))); // qualified before
    }
}
