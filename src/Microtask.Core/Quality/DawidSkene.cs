namespace Microtask.Core.Quality;

/// <summary>
/// Dawid–Skene (1979): expectation–maximisation over one confusion matrix per worker, so that a careful
/// worker's answer counts for more than a random clicker's and systematic confusions are learnt. Fit over a
/// whole project's answers at once; <see cref="Aggregation.Choose"/> then applies it per task.
/// </summary>
/// <remarks>
/// Starts from majority-vote soft labels, then alternates: M-step — class priors and confusion matrices from
/// the current posteriors, each with add-<see cref="Smoothing"/> (Laplace) pseudo-counts so a worker seen a few
/// times never gets a 0 or 1 probability, and <see cref="DiagonalBelief"/> more on the confusion diagonals; E-step — each task's posterior over classes. Stops when no posterior
/// moves by <c>tolerance</c> or the log-likelihood changes by less than <c>tolerance</c> relative to its size.
/// Each iteration is O(answers × classes + workers × classes²) over int-indexed arrays allocated once.
/// </remarks>
public static class DawidSkene
{
    /// <summary>Pseudo-count added to every prior and confusion-matrix cell.</summary>
    public const double Smoothing = 1.0;

    /// <summary>
    /// Extra pseudo-count on each confusion matrix's diagonal: a worker is believed better than chance until their
    /// answers say otherwise. Without it a crowd of workers seen once each (one answer per worker is common in a
    /// small project) has confusion matrices EM cannot identify, and a 2-to-1 vote can come out for the one.
    /// With many answers per worker it is drowned by the data, as it should be.
    /// </summary>
    public const double DiagonalBelief = 1.0;

    /// <summary>Posteriors closer than this are a tie.</summary>
    public const double TieEpsilon = 1e-9;

    /// <param name="classes">The possible values; answers with any other value are ignored.</param>
    public static DawidSkeneResult Aggregate(
        IEnumerable<AnswerRecord> answers, IReadOnlyList<string> classes, int maxIterations = 50, double tolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentOutOfRangeException.ThrowIfZero(classes.Count, nameof(classes));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);

        var crowd = CrowdIndex.Build(answers, classes);
        var (em, iterations, converged, logLikelihood) = Fit(crowd, classes.Count, maxIterations, tolerance);
        return DawidSkeneResult.From(crowd, classes, em, iterations, converged, logLikelihood);
    }

    /// <summary>The EM loop over an indexed crowd; shared with <see cref="CrowdLabels"/>, which indexes a streamed one.</summary>
    internal static (DawidSkeneEm Em, int Iterations, bool Converged, double LogLikelihood) Fit(
        CrowdIndex crowd, int classes, int maxIterations, double tolerance)
    {
        var em = new DawidSkeneEm(crowd, classes);
        em.InitialiseFromMajority();

        var iterations = 0;
        var converged = false;
        var logLikelihood = double.NegativeInfinity;
        while (iterations < maxIterations && !converged)
        {
            iterations++;
            em.MaximiseParameters();
            var (next, change) = em.UpdatePosteriors();
            converged = change < tolerance || Math.Abs(next - logLikelihood) < tolerance * Math.Max(1, Math.Abs(next));
            logLikelihood = next;
        }

        em.MaximiseParameters(); // so the reported confusion matrices match the final posteriors
        return (em, iterations, converged, logLikelihood);
    }
}

/// <summary>The EM state as flat arrays: [task·K + class] and [(worker·K + true)·K + observed].</summary>
internal sealed class DawidSkeneEm(CrowdIndex crowd, int classes)
{
    private readonly int k = classes;
    private readonly double[] logPrior = new double[classes];
    private readonly double[] logConfusion = new double[crowd.Workers * classes * classes];
    private readonly double[] scores = new double[classes];

    public double[] Posterior { get; } = new double[crowd.Tasks * classes];
    public double[] Prior { get; } = new double[classes];
    public double[] Confusion { get; } = new double[crowd.Workers * classes * classes];

    public void InitialiseFromMajority()
    {
        for (var t = 0; t < crowd.Tasks; t++)
        {
            int from = crowd.TaskStart[t], to = crowd.TaskStart[t + 1];
            for (var i = from; i < to; i++)
            {
                Posterior[t * k + crowd.Label[i]] += 1.0 / (to - from);
            }
        }
    }

    public void MaximiseParameters()
    {
        var priorTotal = crowd.Tasks + k * DawidSkene.Smoothing;
        for (var c = 0; c < k; c++)
        {
            var sum = DawidSkene.Smoothing;
            for (var t = 0; t < crowd.Tasks; t++)
            {
                sum += Posterior[t * k + c];
            }

            Prior[c] = sum / priorTotal;
            logPrior[c] = Math.Log(Prior[c]);
        }

        Array.Fill(Confusion, DawidSkene.Smoothing);
        for (var row = 0; row < crowd.Workers * k; row++)
        {
            Confusion[row * k + row % k] += DawidSkene.DiagonalBelief; // row = worker·K + true class; its diagonal cell observes the same class
        }

        for (var t = 0; t < crowd.Tasks; t++)
        {
            for (var i = crowd.TaskStart[t]; i < crowd.TaskStart[t + 1]; i++)
            {
                var row = crowd.Worker[i] * k * k + crowd.Label[i];
                for (var c = 0; c < k; c++)
                {
                    Confusion[row + c * k] += Posterior[t * k + c];
                }
            }
        }

        for (var row = 0; row < Confusion.Length; row += k)
        {
            var sum = 0.0;
            for (var l = 0; l < k; l++)
            {
                sum += Confusion[row + l];
            }

            for (var l = 0; l < k; l++)
            {
                Confusion[row + l] /= sum;
                logConfusion[row + l] = Math.Log(Confusion[row + l]);
            }
        }
    }

    /// <summary>E-step. Returns the log-likelihood and the largest change of any posterior.</summary>
    public (double LogLikelihood, double Change) UpdatePosteriors()
    {
        double logLikelihood = 0, change = 0;
        for (var t = 0; t < crowd.Tasks; t++)
        {
            Array.Copy(logPrior, scores, k);
            for (var i = crowd.TaskStart[t]; i < crowd.TaskStart[t + 1]; i++)
            {
                var cell = crowd.Worker[i] * k * k + crowd.Label[i];
                for (var c = 0; c < k; c++)
                {
                    scores[c] += logConfusion[cell + c * k];
                }
            }

            var max = double.NegativeInfinity;
            for (var c = 0; c < k; c++)
            {
                max = Math.Max(max, scores[c]);
            }

            var total = 0.0;
            for (var c = 0; c < k; c++)
            {
                total += Math.Exp(scores[c] - max);
            }

            var logTotal = max + Math.Log(total);
            logLikelihood += logTotal;
            for (var c = 0; c < k; c++)
            {
                var p = Math.Exp(scores[c] - logTotal);
                change = Math.Max(change, Math.Abs(p - Posterior[t * k + c]));
                Posterior[t * k + c] = p;
            }
        }

        return (logLikelihood, change);
    }
}
