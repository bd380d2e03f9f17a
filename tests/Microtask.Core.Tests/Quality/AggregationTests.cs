using Microtask.Core.Quality;

namespace Microtask.Core.Tests.Quality;

public class AggregationTests
{
    [Fact]
    public void Uses_dawid_skene_for_choice_tasks_with_three_answers_and_majority_for_fewer()
    {
        AnswerRecord[] answers =
        [
            new(1, "a", "yes"), new(1, "b", "yes"), new(1, "c", "no"),
            new(2, "a", "no"), new(2, "b", "no"),
            new(3, "a", "yes"), new(3, "c", "nonsense"), new(3, "b", "yes"),
            new(4, "a", "nonsense"),
        ];

        var results = Aggregation.Choose(AnswerKind.YesNo, ["yes", "no"], answers);

        Assert.Equal([1L, 2L, 3L, 4L], results.Select(r => r.TaskId));
        Assert.Equal(
            [AggregationMethod.DawidSkene, AggregationMethod.Majority, AggregationMethod.Majority, AggregationMethod.DawidSkene],
            results.Select(r => r.Method));
        Assert.Equal(["yes", "no", "yes", null], results.Select(r => r.Value));
        Assert.Equal([3, 2, 2, 0], results.Select(r => r.Answers));
    }

    [Fact]
    public void Uses_the_median_for_numbers() =>
        Assert.Equal(
            AggregationMethod.Median,
            Assert.Single(Aggregation.Choose(AnswerKind.Number, [], [new(1, "a", "3")])).Method);

    [Fact]
    public void Uses_the_normalised_majority_for_free_text() =>
        Assert.Equal(
            AggregationMethod.FreeTextMajority,
            Assert.Single(Aggregation.Choose(AnswerKind.FreeText, [], [new(1, "a", "Hi")])).Method);

    [Fact]
    public void Beats_plain_majority_on_a_simulated_rating_crowd()
    {
        string[] ratings = ["1", "2", "3", "4", "5"];
        (string, double?)[] workers = [.. Enumerable.Range(0, 20).Select(i => ($"w{i}", i < 6 ? (double?)null : 0.75))];
        var crowd = SimulatedCrowd.Generate(seed: 7, tasks: 200, ratings, workers, overlap: 5);

        var chosen = crowd.Accuracy(Aggregation.Choose(AnswerKind.Rating, ratings, crowd.Answers));
        var majority = crowd.Accuracy(MajorityVote.Aggregate(crowd.Answers));

        Assert.True(chosen > majority, $"chosen {chosen:P1} vs majority {majority:P1}");
    }
}
