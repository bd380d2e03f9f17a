using Microtask.Core.Quality;

namespace Microtask.Core.Tests.Quality;

public class StreamingAggregationTests
{
    private static readonly string[] Ratings = ["1", "2", "3", "4", "5"];

    [Theory]
    [InlineData(AnswerKind.Rating, 3)]
    [InlineData(AnswerKind.Rating, 11)]
    [InlineData(AnswerKind.SingleChoice, 5)]
    [InlineData(AnswerKind.Number, 3)]
    [InlineData(AnswerKind.FreeText, 3)]
    public void Gives_every_task_exactly_what_Choose_gives_over_all_the_answers(AnswerKind kind, int seed)
    {
        var answers = MixedAnswers(kind, seed);
        string[] choices = kind is AnswerKind.Number or AnswerKind.FreeText ? [] : Ratings;
        var expected = Aggregation.Choose(kind, choices, answers).ToDictionary(a => a.TaskId);

        var streaming = new StreamingAggregation(kind, choices);
        if (streaming.NeedsFirstPass)
        {
            foreach (var a in answers)
            {
                streaming.Observe(a.TaskId, a.WorkerKey, a.Value);
            }
        }

        var byTask = answers.ToLookup(a => a.TaskId);
        for (long task = 1; task <= 400; task++)
        {
            expected.TryGetValue(task, out var want);
            Assert.Equal(want, streaming.Aggregate(task, byTask[task].ToList()));
        }

        if (streaming.NeedsFirstPass)
        {
            Assert.Contains(expected.Values, a => a.Method == AggregationMethod.DawidSkene);
        }
    }

    [Fact]
    public void Mixes_methods_per_task_as_Choose_does()
    {
        AnswerRecord[] answers =
        [
            new(1, "a", "yes"), new(1, "b", "yes"), new(1, "c", "no"),
            new(2, "a", "no"), new(2, "b", "no"),
            new(3, "a", "yes"), new(3, "c", "nonsense"), new(3, "b", "yes"),
            new(4, "a", "nonsense"),
        ];
        var streaming = new StreamingAggregation(AnswerKind.YesNo, ["yes", "no"]);
        foreach (var a in answers)
        {
            streaming.Observe(a.TaskId, a.WorkerKey, a.Value);
        }

        var results = Enumerable.Range(1, 5).Select(t => streaming.Aggregate(t, answers.Where(a => a.TaskId == t).ToList())).ToList();

        Assert.Equal([AggregationMethod.DawidSkene, AggregationMethod.Majority, AggregationMethod.Majority, AggregationMethod.DawidSkene, null],
            results.Select(r => r?.Method));
        Assert.Equal(["yes", "no", "yes", null, null], results.Select(r => r?.Value));
    }

    [Fact]
    public void Refuses_answers_out_of_task_order()
    {
        var labels = new CrowdLabels(Ratings);
        labels.Add(2, "a", "1");

        Assert.Throws<ArgumentException>(() => labels.Add(1, "a", "1"));
    }

    /// <summary>
    /// A crowd with every case in it: tasks with no answers, one or two, many; answers outside the choices;
    /// ties; workers whose keys do not sort as they first appear. Ordered by task, as an export streams them.
    /// </summary>
    private static List<AnswerRecord> MixedAnswers(AnswerKind kind, int seed)
    {
        var random = new Random(seed);
        var answers = new List<AnswerRecord>();
        for (long task = 1; task <= 400; task++)
        {
            var count = random.Next(8);
            foreach (var worker in Enumerable.Range(0, 40).OrderBy(_ => random.Next()).Take(count))
            {
                var truth = (int)(task % 5);
                var value = kind switch
                {
                    AnswerKind.Number => random.Next(10) == 0 ? "n/a" : (truth * 10 + random.Next(3)).ToString(),
                    AnswerKind.FreeText => random.Next(3) switch { 0 => " Jakarta ", 1 => "jakarta", _ => "Bandung" },
                    _ => random.Next(12) == 0 ? "nonsense" : Ratings[worker < 20 ? truth : random.Next(5)],
                };
                answers.Add(new AnswerRecord(task, $"w{(worker * 7919) % 1000:000}", value));
            }
        }

        return answers;
    }
}
