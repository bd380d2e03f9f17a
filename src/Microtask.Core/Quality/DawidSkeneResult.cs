namespace Microtask.Core.Quality;

/// <summary>What Dawid–Skene learnt about one worker.</summary>
/// <param name="Accuracy">Estimated probability of a right answer: the confusion matrix's diagonal weighted by the class priors.</param>
/// <param name="Confusion">Row = true class, column = the worker's answer, both in the order of the classes given.</param>
public sealed record WorkerEstimate(string WorkerKey, int Answers, double Accuracy, IReadOnlyList<IReadOnlyList<double>> Confusion);

/// <summary>Dawid–Skene's per-task answers (ordered by task id) and what it estimated on the way.</summary>
/// <param name="Workers">Ordered by worker key (ordinal).</param>
/// <param name="ClassPriors">Estimated share of each class, in the order of the classes given.</param>
/// <param name="Converged">False when <c>maxIterations</c> ran out first.</param>
public sealed record DawidSkeneResult(
    IReadOnlyList<AggregatedAnswer> Answers,
    IReadOnlyList<WorkerEstimate> Workers,
    IReadOnlyList<double> ClassPriors,
    int Iterations,
    bool Converged,
    double LogLikelihood)
{
    public IReadOnlyDictionary<string, double> WorkerAccuracy { get; } =
        Workers.ToDictionary(w => w.WorkerKey, w => w.Accuracy, StringComparer.Ordinal);

    internal static DawidSkeneResult From(
        CrowdIndex crowd, IReadOnlyList<string> classes, DawidSkeneEm em, int iterations, bool converged, double logLikelihood)
    {
        var k = classes.Count;
        var answers = new List<AggregatedAnswer>(crowd.Tasks + crowd.EmptyTaskIds.Length);
        var counts = new int[k];
        for (var t = 0; t < crowd.Tasks; t++)
        {
            Array.Clear(counts);
            int from = crowd.TaskStart[t], to = crowd.TaskStart[t + 1];
            for (var i = from; i < to; i++)
            {
                counts[crowd.Label[i]]++;
            }

            answers.Add(TaskAnswer(crowd.TaskIds[t], em.Posterior.AsSpan(t * k, k), counts, to - from, classes));
        }

        answers.AddRange(crowd.EmptyTaskIds.Select(id => AggregatedAnswer.Empty(id, AggregationMethod.DawidSkene)));
        answers.Sort((a, b) => a.TaskId.CompareTo(b.TaskId));

        var answered = new int[crowd.Workers];
        foreach (var j in crowd.Worker)
        {
            answered[j]++;
        }

        var workers = new WorkerEstimate[crowd.Workers];
        for (var j = 0; j < crowd.Workers; j++)
        {
            var matrix = new IReadOnlyList<double>[k];
            var accuracy = 0.0;
            for (var c = 0; c < k; c++)
            {
                matrix[c] = em.Confusion.AsSpan((j * k + c) * k, k).ToArray();
                accuracy += em.Prior[c] * matrix[c][c];
            }

            workers[j] = new WorkerEstimate(crowd.WorkerKeys[j], answered[j], accuracy, matrix);
        }

        return new DawidSkeneResult(answers, workers, em.Prior.ToArray(), iterations, converged, logLikelihood);
    }

    internal static AggregatedAnswer TaskAnswer(
        long taskId, ReadOnlySpan<double> posterior, int[] counts, int total, IReadOnlyList<string> classes)
    {
        var best = 0;
        for (var c = 1; c < posterior.Length; c++)
        {
            if (posterior[c] > posterior[best])
            {
                best = c;
            }
        }

        // On a tie no value is chosen; agreement is then the largest share held by any of the tied classes.
        var tie = false;
        var agreeing = counts[best];
        for (var c = 0; c < posterior.Length; c++)
        {
            if (c != best && posterior[best] - posterior[c] < DawidSkene.TieEpsilon)
            {
                tie = true;
                agreeing = Math.Max(agreeing, counts[c]);
            }
        }

        return new AggregatedAnswer(
            taskId, tie ? null : classes[best], posterior[best], (double)agreeing / total, total, tie, AggregationMethod.DawidSkene);
    }
}
