using Microtask.Core.Quality;

namespace Microtask.Core.Tests.Quality;

/// <summary>
/// A crowd with known truth: each task has a true class drawn uniformly; each task is answered by
/// <c>overlap</c> distinct workers drawn at random. A worker of accuracy p answers the truth with
/// probability p and otherwise one of the other classes uniformly; a random clicker (accuracy null) picks
/// any class uniformly.
/// </summary>
internal sealed record SimulatedCrowd(
    IReadOnlyList<string> Classes,
    IReadOnlyDictionary<long, string> Truth,
    IReadOnlyDictionary<string, double?> WorkerAccuracy,
    IReadOnlyList<AnswerRecord> Answers)
{
    public static SimulatedCrowd Generate(
        int seed, int tasks, IReadOnlyList<string> classes, IReadOnlyList<(string Key, double? Accuracy)> workers, int overlap)
    {
        var random = new Random(seed);
        var truth = new Dictionary<long, string>();
        var answers = new List<AnswerRecord>();
        for (long task = 1; task <= tasks; task++)
        {
            var trueClass = random.Next(classes.Count);
            truth[task] = classes[trueClass];
            foreach (var w in Pick(random, workers.Count, overlap))
            {
                var (key, accuracy) = workers[w];
                answers.Add(new AnswerRecord(task, key, classes[Answer(random, trueClass, classes.Count, accuracy)]));
            }
        }

        return new SimulatedCrowd(classes, truth, workers.ToDictionary(w => w.Key, w => w.Accuracy), answers);
    }

    /// <summary>The share of tasks whose aggregated value is the true one (ties and empty values count as wrong).</summary>
    public double Accuracy(IEnumerable<AggregatedAnswer> aggregated) =>
        (double)aggregated.Count(a => a.Value == Truth[a.TaskId]) / Truth.Count;

    /// <summary>
    /// Majority vote's expected accuracy when ties are broken by a fair coin rather than left open:
    /// a task tied between n values including the truth counts 1/n. The fair baseline to beat.
    /// </summary>
    public double MajorityAccuracyWithCoinTieBreak() =>
        Answers.GroupBy(a => a.TaskId).Sum(task =>
        {
            var counts = task.CountBy(a => a.Value).ToDictionary();
            var top = counts.Values.Max();
            return counts.GetValueOrDefault(Truth[task.Key]) == top ? 1.0 / counts.Values.Count(n => n == top) : 0;
        }) / Truth.Count;

    /// <summary>
    /// The best any method could do on these answers: the Bayes decision knowing every worker's true
    /// confusion matrix and the uniform class prior. Dawid–Skene has to estimate those, so it can only approach this.
    /// </summary>
    public double OracleAccuracy()
    {
        var k = Classes.Count;
        double Likelihood(string worker, string truth, string answer) => WorkerAccuracy[worker] switch
        {
            null => 1.0 / k,
            { } p => answer == truth ? p : (1 - p) / (k - 1),
        };

        var right = Answers.GroupBy(a => a.TaskId).Count(task =>
            Classes.MaxBy(c => task.Sum(a => Math.Log(Likelihood(a.WorkerKey, c, a.Value)))) == Truth[task.Key]);
        return (double)right / Truth.Count;
    }

    private static int Answer(Random random, int trueClass, int classes, double? accuracy)
    {
        if (accuracy is not { } p)
        {
            return random.Next(classes);
        }

        if (random.NextDouble() < p)
        {
            return trueClass;
        }

        var wrong = random.Next(classes - 1);
        return wrong >= trueClass ? wrong + 1 : wrong;
    }

    private static IEnumerable<int> Pick(Random random, int count, int howMany)
    {
        var all = Enumerable.Range(0, count).ToArray();
        for (var i = 0; i < howMany; i++)
        {
            var j = random.Next(i, count);
            (all[i], all[j]) = (all[j], all[i]);
        }

        return all.Take(howMany);
    }
}
