namespace Microtask.Core.Quality;

/// <summary>
/// Whether the answers a task may still get could change what a fitted Dawid–Skene model makes of it: the model's own
/// counterpart of <see cref="TaskAgreement.Decided"/>, which counts votes. One more answer, label l from worker w, moves
/// the log-odds of another class j against the model's answer b by up to max_l (log π_w[j][l] − log π_w[b][l]). The
/// task is decided when, for every j, its lead is more than the answers still to come times that move for the
/// project's typical answer (the mean over the workers, weighted by their answers). So three careful workers against
/// one are decided with one answer to come, as their votes are; three random clickers against one careful worker are
/// not, since the model's lead there is small. Not a worst case: one answer from the most reliable worker the model
/// knows may move a task further than the typical answer does.
/// </summary>
public sealed class ModelDecision
{
    private readonly Dictionary<string, int> classIndex;
    private readonly Dictionary<string, double[]> logConfusion;
    private readonly double[] logPrior;
    private readonly double[] swing;
    private readonly int k;

    /// <param name="classes">The classes the model was fitted with, in the same order.</param>
    public ModelDecision(DawidSkeneResult model, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(classes);
        k = classes.Count;
        classIndex = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        logPrior = [.. model.ClassPriors.Select(p => Math.Log(p))];
        logConfusion = model.Workers.ToDictionary(
            w => w.WorkerKey, w => w.Confusion.SelectMany(row => row.Select(p => Math.Log(p))).ToArray(), StringComparer.Ordinal);
        swing = new double[k * k];
        var answers = Math.Max(1, model.Workers.Sum(w => w.Answers));
        foreach (var worker in model.Workers)
        {
            var matrix = logConfusion[worker.WorkerKey];
            for (var b = 0; b < k; b++)
            {
                for (var j = 0; j < k; j++)
                {
                    var most = 0.0;
                    for (var l = 0; l < k; l++)
                    {
                        most = Math.Max(most, matrix[(j * k) + l] - matrix[(b * k) + l]);
                    }

                    swing[(b * k) + j] += most * worker.Answers / answers;
                }
            }
        }
    }

    /// <summary>
    /// True when <paramref name="still"/> more answers as telling as the project's typical one, whatever they say, cannot
    /// change the model's answer for a task with these <paramref name="answers"/>; false for a task with none it can read.
    /// </summary>
    public bool Decided(IEnumerable<AnswerRecord> answers, int still)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var scores = (double[])logPrior.Clone();
        var read = false;
        foreach (var answer in answers)
        {
            if (classIndex.TryGetValue(answer.Value, out var label) && logConfusion.TryGetValue(answer.WorkerKey, out var matrix))
            {
                read = true;
                for (var c = 0; c < k; c++)
                {
                    scores[c] += matrix[(c * k) + label];
                }
            }
        }

        if (!read)
        {
            return false;
        }

        var best = Array.IndexOf(scores, scores.Max());
        return Enumerable.Range(0, k).All(j => j == best || scores[best] - scores[j] > Math.Max(0, still) * swing[(best * k) + j]);
    }
}
