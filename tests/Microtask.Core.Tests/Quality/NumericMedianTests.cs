using Microtask.Core.Quality;

namespace Microtask.Core.Tests.Quality;

public class NumericMedianTests
{
    private static AggregatedAnswer Median(params string[] values) =>
        Assert.Single(NumericMedian.Aggregate(values.Select((v, i) => new AnswerRecord(1, $"w{i}", v))));

    [Fact]
    public void Takes_the_middle_value_of_an_odd_count()
    {
        var result = Median("10", "1000", "9.5", "11", "-3");

        Assert.Equal("10", result.Value);
        Assert.Equal(5, result.Answers);
        Assert.Equal(0.4, result.Agreement, 9); // 10 and 9.5 lie within 5% of 10
        Assert.False(result.Tie);
        Assert.Equal(AggregationMethod.Median, result.Method);
    }

    [Fact]
    public void Takes_the_mean_of_the_middle_two_for_an_even_count() =>
        Assert.Equal("2.5", Median("1", "2", "3", "4").Value);

    /// <summary>Any number stored as an answer aggregates, however near decimal's limits: no sum or difference overflows.</summary>
    [Fact]
    public void Aggregates_numbers_at_the_edge_of_decimal_without_overflow()
    {
        var max = decimal.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var min = decimal.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(max, Median(max, max).Value);
        Assert.Equal(min, Median(min, min).Value);
        Assert.Equal("0", Median(min, max).Value);
        var mixed = Median(max, min, max);
        Assert.Equal(max, mixed.Value);
        Assert.Equal(2.0 / 3, mixed.Agreement, 9);
        Assert.Equal("79228162514264337593543950334", Median("79228162514264337593543950333", max).Value);
    }

    [Fact]
    public void Ignores_answers_that_are_not_invariant_numbers()
    {
        var result = Median("7", "seven", "", "1,5", "8", "NaN");

        Assert.Equal("7.5", result.Value);
        Assert.Equal(2, result.Answers);
    }

    [Fact]
    public void Has_no_value_when_no_answer_is_a_number()
    {
        var result = Median("abc", "-");

        Assert.Null(result.Value);
        Assert.Equal(0, result.Answers);
        Assert.False(result.Tie);
    }

    [Fact]
    public void Counts_only_exact_zeros_as_agreeing_with_a_zero_median() =>
        Assert.Equal(2.0 / 3, Median("0", "0.0", "0.001").Agreement, 9);

    [Fact]
    public void Writes_the_median_without_exponent_or_trailing_zeros()
    {
        Assert.Equal("1000000", Median("1e6").Value);
        Assert.Equal("0.000001", Median("0.0000010").Value);
        Assert.Equal("-2", Median("-2.00").Value);
    }
}
