using Microtask.Core.Quality;

namespace Microtask.Core.Tests.Quality;

public class OptionAggregationTests
{
    private static readonly string[] Options = ["red", "green", "blue"];

    private static string Set(params string[] options) => System.Text.Json.JsonSerializer.Serialize(options);

    private static IReadOnlyList<AggregatedAnswer?> Run(IReadOnlyList<AnswerRecord> answers, long task)
    {
        var aggregation = new OptionAggregation(Options);
        foreach (var a in answers.OrderBy(a => a.TaskId))
        {
            aggregation.Observe(a.TaskId, a.WorkerKey, a.Value);
        }

        return aggregation.Aggregate(task, answers.Where(a => a.TaskId == task).ToList());
    }

    [Fact]
    public void Each_option_is_its_own_yes_or_no_by_majority_below_three_answers()
    {
        var answers = new[] { new AnswerRecord(1, "w1", Set("red", "blue")), new AnswerRecord(1, "w2", Set("red")) };

        var result = Run(answers, 1);

        Assert.Equal(["yes", "no", null], result.Select(r => r!.Value));
        Assert.True(result[2]!.Tie); // blue: one yes, one no
        Assert.Equal(1.0, result[0]!.Confidence);
        Assert.All(result, r => Assert.Equal(AggregationMethod.Majority, r!.Method));
    }

    [Fact]
    public void With_three_answers_each_option_is_decided_by_dawid_skene_over_the_project()
    {
        var answers = new List<AnswerRecord>();
        for (var task = 1; task <= 20; task++)
        {
            var truth = task % 2 == 0 ? Set("red") : Set("green", "blue");
            answers.Add(new(task, "careful-1", truth));
            answers.Add(new(task, "careful-2", truth));
            answers.Add(new(task, "ticks-all", Set("red", "green", "blue"))); // says yes to everything: worth nothing
        }

        var even = Run(answers, 2);
        var odd = Run(answers, 3);

        Assert.Equal(["yes", "no", "no"], even.Select(r => r!.Value));
        Assert.Equal(["no", "yes", "yes"], odd.Select(r => r!.Value));
        Assert.All(even.Concat(odd), r => Assert.Equal(AggregationMethod.DawidSkene, r!.Method));
        Assert.All(even, r => Assert.True(r!.Confidence > 0.9));
    }

    [Fact]
    public void None_of_these_is_a_no_to_every_option_and_an_answer_that_is_no_set_is_left_out()
    {
        var answers = new[] { new AnswerRecord(1, "w1", "[]"), new AnswerRecord(1, "w2", "not a set"), new AnswerRecord(1, "w3", "[]") };

        var result = Run(answers, 1);

        Assert.All(result, r => Assert.Equal(("no", 2), (r!.Value, r.Answers)));
    }
}
