using Microtask.Core.Quality;
using Xunit.Abstractions;

namespace Microtask.Core.Tests.Quality;

public class DawidSkeneTests(ITestOutputHelper output)
{
    private static readonly string[] Classes = ["cat", "dog", "bird"];

    // 30 workers: 10 good (0.9), 11 mediocre (0.6), 9 random clickers (30%).
    private static readonly (string Key, double? Accuracy)[] Workers =
    [
        .. Enumerable.Range(1, 10).Select(i => ($"good-{i:00}", (double?)0.9)),
        .. Enumerable.Range(1, 11).Select(i => ($"mediocre-{i:00}", (double?)0.6)),
        .. Enumerable.Range(1, 9).Select(i => ($"random-{i:00}", (double?)null)),
    ];

    private static SimulatedCrowd Crowd(int seed = 20240601, int overlap = 5) =>
        SimulatedCrowd.Generate(seed, tasks: 300, Classes, Workers, overlap);

    [Fact]
    public void Beats_majority_vote_on_crowds_with_random_clickers_and_comes_close_to_the_oracle()
    {
        // Ten crowds rather than one lucky seed: with 50 answers per worker, the sample decides a few points.
        var runs = Enumerable.Range(1, 10).Select(seed =>
        {
            var crowd = Crowd(seed);
            var run = (
                Seed: seed,
                DawidSkene: crowd.Accuracy(DawidSkene.Aggregate(crowd.Answers, Classes).Answers),
                Majority: crowd.MajorityAccuracyWithCoinTieBreak(),
                MajorityTiesOpen: crowd.Accuracy(MajorityVote.Aggregate(crowd.Answers)),
                Oracle: crowd.OracleAccuracy());
            output.WriteLine($"seed {seed,2}: Dawid-Skene {run.DawidSkene:P1}, majority {run.Majority:P1} (ties left open {run.MajorityTiesOpen:P1}), oracle {run.Oracle:P1}");
            return run;
        }).ToList();
        var meanDawidSkene = runs.Average(r => r.DawidSkene);
        var meanMajority = runs.Average(r => r.Majority);
        output.WriteLine($"mean: Dawid-Skene {meanDawidSkene:P1}, majority {meanMajority:P1}, oracle {runs.Average(r => r.Oracle):P1}");

        Assert.All(runs, r => Assert.True(r.DawidSkene > r.Majority, $"seed {r.Seed}: {r.DawidSkene:P1} vs majority {r.Majority:P1}"));
        Assert.All(runs, r => Assert.True(r.DawidSkene >= r.Oracle - 0.06, $"seed {r.Seed}: {r.DawidSkene:P1} vs oracle {r.Oracle:P1}"));
        Assert.True(meanDawidSkene >= 0.85, $"mean Dawid-Skene accuracy {meanDawidSkene:P1}");
        Assert.True(meanDawidSkene >= meanMajority + 0.05, $"mean {meanDawidSkene:P1} vs majority {meanMajority:P1}");
    }

    [Fact]
    public void Reaches_ninety_percent_where_the_answers_allow_it()
    {
        var crowd = Crowd(overlap: 7);

        var dawidSkene = crowd.Accuracy(DawidSkene.Aggregate(crowd.Answers, Classes).Answers);
        var majority = crowd.MajorityAccuracyWithCoinTieBreak();
        output.WriteLine($"overlap 7: Dawid-Skene {dawidSkene:P1}, majority vote {majority:P1}, oracle {crowd.OracleAccuracy():P1}");

        Assert.True(dawidSkene >= 0.9, $"Dawid-Skene accuracy {dawidSkene:P1}");
        Assert.True(dawidSkene > majority, $"Dawid-Skene {dawidSkene:P1} should beat majority vote {majority:P1}");
    }

    [Fact]
    public void A_crowd_seen_once_each_keeps_the_two_to_one_vote()
    {
        // Six workers with one answer each: EM cannot tell them apart, so the belief that workers beat chance decides.
        AnswerRecord[] answers =
        [
            new(1, "w1", "cat"), new(1, "w2", "cat"), new(1, "w3", "bird"),
            new(2, "w4", "bird"), new(2, "w5", "bird"), new(2, "w6", "bird"),
        ];

        var result = DawidSkene.Aggregate(answers, Classes).Answers;

        Assert.Equal(["cat", "bird"], result.Select(a => a.Value));
        Assert.True(result[0].Confidence > 0.5, $"confidence {result[0].Confidence:F3}");
    }

    [Fact]
    public void Ranks_random_clickers_below_good_workers()
    {
        var crowd = Crowd();

        var result = DawidSkene.Aggregate(crowd.Answers, Classes);
        double Best(string prefix) => result.Workers.Where(w => w.WorkerKey.StartsWith(prefix)).Max(w => w.Accuracy);
        double Worst(string prefix) => result.Workers.Where(w => w.WorkerKey.StartsWith(prefix)).Min(w => w.Accuracy);
        output.WriteLine($"good {Worst("good"):F2}..{Best("good"):F2}, mediocre {Worst("mediocre"):F2}..{Best("mediocre"):F2}, random {Worst("random"):F2}..{Best("random"):F2}");

        Assert.True(Best("random") < Worst("good"));
        Assert.True(Best("random") < 0.5);
        Assert.True(Worst("good") > 0.7); // Laplace smoothing pulls 50-answer estimates towards 1/3
        Assert.Equal(result.WorkerAccuracy["good-01"], result.Workers.Single(w => w.WorkerKey == "good-01").Accuracy);
    }

    [Fact]
    public void Converges_within_the_iteration_limit_and_reports_probabilities()
    {
        var crowd = Crowd();

        var result = DawidSkene.Aggregate(crowd.Answers, Classes);
        output.WriteLine($"converged after {result.Iterations} iterations");

        Assert.True(result.Converged);
        Assert.InRange(result.Iterations, 1, 50);
        Assert.Equal(300, result.Answers.Count);
        Assert.Equal(1.0, result.ClassPriors.Sum(), 9);
        Assert.All(result.Answers, a => Assert.InRange(a.Confidence, 1.0 / 3, 1.0));
        Assert.All(result.Workers, w => Assert.All(w.Confusion, row =>
        {
            Assert.Equal(1.0, row.Sum(), 9);
            Assert.All(row, p => Assert.InRange(p, double.Epsilon, 1 - 1e-6));
        }));
    }

    [Fact]
    public void Gives_the_same_result_every_run_and_whatever_the_answer_order()
    {
        var crowd = Crowd();
        var shuffled = crowd.Answers.OrderBy(_ => Random.Shared.Next()).ToList();

        var first = DawidSkene.Aggregate(crowd.Answers, Classes);
        var again = DawidSkene.Aggregate(crowd.Answers, Classes);
        var reordered = DawidSkene.Aggregate(shuffled, Classes);

        Assert.Equal(first.Answers, again.Answers);
        Assert.Equal(first.Answers, reordered.Answers);
        Assert.Equal(first.WorkerAccuracy, reordered.WorkerAccuracy);
    }

    [Fact]
    public void Stops_at_the_iteration_limit_and_says_it_did_not_converge()
    {
        var crowd = Crowd();

        var result = DawidSkene.Aggregate(crowd.Answers, Classes, maxIterations: 1, tolerance: 0);

        Assert.False(result.Converged);
        Assert.Equal(1, result.Iterations);
    }

    [Fact]
    public void Ignores_values_outside_the_classes_and_keeps_tasks_without_valid_answers()
    {
        AnswerRecord[] answers =
        [
            new(1, "a", "yes"), new(1, "b", "yes"), new(1, "c", "maybe"),
            new(2, "a", "banana"),
        ];

        var result = DawidSkene.Aggregate(answers, ["yes", "no"]);

        Assert.Collection(
            result.Answers,
            one => Assert.Equal((1L, "yes", 2, 1.0), (one.TaskId, one.Value, one.Answers, one.Agreement)),
            two => Assert.Equal((2L, (string?)null, 0, false), (two.TaskId, two.Value, two.Answers, two.Tie)));
    }

    [Fact]
    public void Reports_a_tie_when_the_evidence_is_symmetric()
    {
        AnswerRecord[] answers = [new(1, "a", "yes"), new(1, "b", "no")];

        var only = Assert.Single(DawidSkene.Aggregate(answers, ["yes", "no"]).Answers);

        Assert.True(only.Tie);
        Assert.Null(only.Value);
        Assert.Equal(0.5, only.Confidence, 9);
    }

    [Fact]
    public void Refuses_an_empty_class_list() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DawidSkene.Aggregate([], []));
}
