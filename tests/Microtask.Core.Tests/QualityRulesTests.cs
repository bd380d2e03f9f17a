using Microtask.Core.Quality;

namespace Microtask.Core.Tests;

/// <summary>The quality rules as a requester types them, and what they make of a worker's record.</summary>
public sealed class QualityRulesTests
{
    [Fact]
    public void Items_in_any_order_and_either_language_change_only_what_they_name()
    {
        Assert.True(QualityRules.TryParse("gold 20%, accuracy 70% after 10\nfast 3s flags 4; qualify 5, exclude no", QualityRules.Default, 10, out var rules, out var gold, out _));
        Assert.Equal((20, new QualityRules(70, 10, 3, 4, 5, false)), (gold, rules));

        Assert.True(QualityRules.TryParse("akurasi 80% setelah 6 cepat 2detik kualifikasi mati kecualikan ya", rules, gold, out var id, out var sameGold, out _));
        Assert.Equal((20, new QualityRules(80, 6, 2, 4, 0, true)), (sameGold, id));

        Assert.True(QualityRules.TryParse("fast off", rules, gold, out var off, out _, out _));
        Assert.Equal(0, off.MinSeconds);
        Assert.True(QualityRules.TryParse("default", rules, gold, out var kept, out _, out _));
        Assert.Equal(rules, kept);
    }

    [Theory]
    [InlineData("accuracy 101%", "accuracy 101%")]
    [InlineData("after 0", "after 0")]
    [InlineData("flags 0", "flags 0")]
    [InlineData("qualify 51", "qualify 51")]
    [InlineData("gold 20%, speed 3", "speed 3")]
    [InlineData("exclude maybe", "exclude maybe")]
    [InlineData("accuracy", "accuracy")]
    public void A_wrong_item_is_named_and_nothing_is_taken(string text, string named)
    {
        Assert.False(QualityRules.TryParse(text, QualityRules.Default, 10, out var rules, out var gold, out var error));
        Assert.Equal(named, error);
        Assert.Equal((QualityRules.Default, 10), (rules, gold));
    }

    [Fact]
    public void Accuracy_judges_only_after_the_minimum_and_on_the_smoothed_estimate()
    {
        var rules = QualityRules.Default with { MinAccuracy = 60, MinGold = 5 };
        Assert.Null(QualityVerdict.Judge(rules, new QualityRecord(0, 4, 0, false), gold: true, tooFast: false).Suspended);
        Assert.Equal(SuspensionRule.Accuracy, QualityVerdict.Judge(rules, new QualityRecord(2, 5, 0, false), gold: true, tooFast: false).Suspended); // 3/7 = 43 %
        Assert.Null(QualityVerdict.Judge(rules, new QualityRecord(4, 5, 0, false), gold: true, tooFast: false).Suspended); // 5/7 = 71 %
        Assert.Null(QualityVerdict.Judge(rules, new QualityRecord(0, 9, 0, false), gold: false, tooFast: false).Suspended); // judged on gold answers only
        Assert.Null(QualityVerdict.Judge(rules with { MinAccuracy = 0 }, new QualityRecord(0, 9, 0, false), gold: true, tooFast: false).Suspended);
    }

    [Fact]
    public void Speed_flags_suspend_at_the_limit_and_qualification_is_judged_once()
    {
        var rules = QualityRules.Default with { MinSeconds = 4, FastFlags = 3, Qualification = 3 };
        Assert.True(rules.TooFast(TimeSpan.FromSeconds(3.9)));
        Assert.False(rules.TooFast(TimeSpan.FromSeconds(4)));
        Assert.False((rules with { MinSeconds = 0 }).TooFast(TimeSpan.Zero));
        Assert.Null(QualityVerdict.Judge(rules, new QualityRecord(0, 0, 2, true), gold: false, tooFast: true).Suspended);
        Assert.Equal(SuspensionRule.TooFast, QualityVerdict.Judge(rules, new QualityRecord(0, 0, 3, true), gold: false, tooFast: true).Suspended);

        var passed = QualityVerdict.Judge(rules, new QualityRecord(3, 3, 0, false), gold: true, tooFast: false);
        Assert.True(passed.Qualified);
        Assert.True(passed.Record.Qualified);
        Assert.Equal(SuspensionRule.Qualification, QualityVerdict.Judge(rules, new QualityRecord(1, 3, 0, false), gold: true, tooFast: false).Suspended);
        Assert.False(QualityVerdict.Judge(rules, new QualityRecord(4, 4, 0, true), gold: true, tooFast: false).Qualified); // once
    }
}
