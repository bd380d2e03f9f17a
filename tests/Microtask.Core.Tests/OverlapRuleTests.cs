using Microtask.Core.Quality;

namespace Microtask.Core.Tests;

/// <summary>The overlap as a requester writes it, fixed or a range with a target, and what a task makes of it.</summary>
public sealed class OverlapRuleTests
{
    [Theory]
    [InlineData("3", 3, 3, null)]
    [InlineData("2-5 until 90%", 2, 5, 90)]
    [InlineData("2–5 sampai 90 %", 2, 5, 90)]
    [InlineData("2 to 5 hingga 75", 2, 5, 75)]
    [InlineData("1-20 UNTIL 100%", 1, 20, 100)]
    [InlineData("4-4 until 90%", 4, 4, null)] // no room to grow: a fixed 4
    public void A_count_or_a_range_with_a_target_is_read(string text, int min, int max, int? target)
    {
        Assert.Equal(new OverlapRule(min, max, target), OverlapRule.Parse(text, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("5-2 until 90%", OverlapProblem.MinAboveMax)]
    [InlineData("2-5 until 0%", OverlapProblem.Target)]
    [InlineData("2-5 until 101%", OverlapProblem.Target)]
    [InlineData("0", OverlapProblem.OutOfRange)]
    [InlineData("21", OverlapProblem.OutOfRange)]
    [InlineData("2-21 until 90%", OverlapProblem.OutOfRange)]
    [InlineData("2-5", OverlapProblem.Unreadable)]
    [InlineData("three", OverlapProblem.Unreadable)]
    [InlineData("2-5 until ninety", OverlapProblem.Unreadable)]
    [InlineData("", OverlapProblem.Unreadable)]
    public void A_wrong_overlap_is_refused_with_its_reason(string text, OverlapProblem expected)
    {
        Assert.Null(OverlapRule.Parse(text, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Ordinary_tasks_start_at_the_minimum_and_gold_tasks_take_the_maximum()
    {
        var dynamic = new OverlapRule(2, 5, 90);
        Assert.Equal((2, (int?)5), dynamic.ForTask(gold: false));
        Assert.Equal((5, (int?)null), dynamic.ForTask(gold: true));
        Assert.Equal((3, (int?)null), OverlapRule.Fixed(3).ForTask(gold: false));
        Assert.Equal(OverlapRule.Fixed(3), OverlapRule.Of(3, null, null));
        Assert.Equal(dynamic, OverlapRule.Of(2, 5, 90));
    }

    [Theory]
    [InlineData(AnswerKind.SingleChoice, new[] { "a", "a", "b" }, 66, true)]
    [InlineData(AnswerKind.SingleChoice, new[] { "a", "a", "b" }, 67, false)] // 2 of 3 is 66.7 %
    [InlineData(AnswerKind.Rating, new[] { "4", "4", "4", "4", "5" }, 80, true)]
    [InlineData(AnswerKind.FreeText, new[] { "  Jakarta ", "jakarta", "" }, 100, true)] // empty answers are left out
    [InlineData(AnswerKind.FreeText, new[] { "", " " }, 1, false)]
    [InlineData(AnswerKind.Number, new[] { "10", "10.4", "11" }, 100, false)] // 11 is beyond 5 % of 10.4
    [InlineData(AnswerKind.Number, new[] { "10", "10.4", "10.2" }, 100, true)]
    [InlineData(AnswerKind.MultipleChoice, new[] { "[\"a\",\"b\"]", "[\"a\"]", "[\"a\",\"b\"]" }, 66, true)]
    [InlineData(AnswerKind.MultipleChoice, new[] { "[\"a\",\"b\"]", "[\"a\"]", "[\"a\",\"b\"]" }, 70, false)]
    [InlineData(AnswerKind.Photo, new[] { "x", "y" }, 100, true)]
    public void Agreement_is_the_share_the_aggregation_would_report(AnswerKind kind, string[] answers, int target, bool reaches) =>
        Assert.Equal(reaches, TaskAgreement.Reaches(kind, answers, target));

    [Theory]
    [InlineData(AnswerKind.YesNo, new[] { "yes", "yes" }, 90, 3, true)] // 2 of 2 agree
    [InlineData(AnswerKind.YesNo, new[] { "yes", "yes" }, 100, 3, false)] // at 100 %: until decided
    [InlineData(AnswerKind.YesNo, new[] { "yes", "yes", "yes" }, 100, 2, true)]
    [InlineData(AnswerKind.FreeText, new[] { "Jakarta", "jakarta" }, 100, 1, true)] // 2 against 0 with one to come
    [InlineData(AnswerKind.Number, new[] { "10", "10.2" }, 100, 3, true)] // never decided: agreement stops it
    [InlineData(AnswerKind.Voice, new[] { "a", "b" }, 100, 3, true)]
    [InlineData(AnswerKind.SingleChoice, new[] { "a", "a", "a", "b" }, 90, 1, true)] // 75 %, but decided
    public void A_task_stops_when_decided_or_in_agreement_below_100_percent(AnswerKind kind, string[] answers, int target, int still, bool stops) =>
        Assert.Equal(stops, TaskAgreement.Stops(kind, answers, target, still));

    [Theory]
    [InlineData(AnswerKind.YesNo, new[] { "yes", "yes", "yes", "no" }, 1, true)] // a fifth answer cannot overturn 3 against 1
    [InlineData(AnswerKind.YesNo, new[] { "yes", "yes", "yes", "no" }, 2, false)] // two more could make a tie
    [InlineData(AnswerKind.YesNo, new[] { "yes", "yes" }, 3, false)]
    [InlineData(AnswerKind.YesNo, new[] { "yes", "no" }, 0, false)] // a tie is never decided
    [InlineData(AnswerKind.SingleChoice, new[] { "a", "a", "a", "b", "c" }, 1, true)]
    [InlineData(AnswerKind.SingleChoice, new[] { "a", "a", "a", "b", "b" }, 1, false)]
    [InlineData(AnswerKind.FreeText, new[] { " Jakarta", "jakarta", "JAKARTA", "Bandung", "" }, 1, true)]
    [InlineData(AnswerKind.FreeText, new[] { "", " " }, 0, false)] // nothing usable
    [InlineData(AnswerKind.MultipleChoice, new[] { "[\"a\"]", "[\"a\"]", "[\"a\",\"b\"]" }, 0, true)]
    [InlineData(AnswerKind.MultipleChoice, new[] { "[\"a\"]", "[\"a\"]", "[\"a\",\"b\"]" }, 1, false)] // option b leads "no" by 1
    [InlineData(AnswerKind.Number, new[] { "10", "10", "10", "10" }, 0, false)] // each number moves the median
    public void Answers_are_decided_when_those_still_to_come_cannot_change_them(AnswerKind kind, string[] answers, int still, bool decided)
    {
        Assert.Equal(decided, TaskAgreement.Decided(kind, answers, still));
        Assert.True(TaskAgreement.Stops(kind, answers, 101, still) == decided); // a target nothing reaches: decided alone stops
    }
}
