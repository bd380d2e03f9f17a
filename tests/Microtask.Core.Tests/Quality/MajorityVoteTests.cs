using Microtask.Core.Quality;

namespace Microtask.Core.Tests.Quality;

public class MajorityVoteTests
{
    [Fact]
    public void Picks_the_most_common_value_with_its_share()
    {
        AnswerRecord[] answers = [new(7, "a", "yes"), new(7, "b", "yes"), new(7, "c", "no")];

        var only = Assert.Single(MajorityVote.Aggregate(answers));

        Assert.Equal("yes", only.Value);
        Assert.Equal(2.0 / 3, only.Confidence, 9);
        Assert.Equal(2.0 / 3, only.Agreement, 9);
        Assert.Equal(3, only.Answers);
        Assert.False(only.Tie);
        Assert.Equal(AggregationMethod.Majority, only.Method);
    }

    [Fact]
    public void Reports_a_tie_with_no_value_instead_of_picking_one()
    {
        AnswerRecord[] answers = [new(1, "a", "cat"), new(1, "b", "dog"), new(1, "c", "cat"), new(1, "d", "dog"), new(1, "e", "bird")];

        var only = Assert.Single(MajorityVote.Aggregate(answers));

        Assert.True(only.Tie);
        Assert.Null(only.Value);
        Assert.Equal(0.4, only.Agreement, 9);
        Assert.Equal(5, only.Answers);
    }

    [Fact]
    public void Gives_one_result_per_task_in_task_order()
    {
        AnswerRecord[] answers = [new(3, "a", "x"), new(1, "a", "y"), new(2, "a", "z"), new(1, "b", "y")];

        var results = MajorityVote.Aggregate(answers);

        Assert.Equal([1L, 2L, 3L], results.Select(r => r.TaskId));
        Assert.Equal(["y", "z", "x"], results.Select(r => r.Value));
    }

    [Fact]
    public void Compares_values_exactly() =>
        Assert.True(Assert.Single(MajorityVote.Aggregate([new(1, "a", "Yes"), new(1, "b", "yes")])).Tie);
}
