using System.Globalization;

namespace Microtask.Core.Quality;

/// <summary>A worker's answers on tasks answered by others too, and how many of them match the task's result.</summary>
public sealed record WorkerAgreement(string Worker, int Answers, int Agreed)
{
    public double Share => Answers == 0 ? 0 : (double)Agreed / Answers;
}

/// <summary>
/// How much a project's workers agree, fed one task at a time: Krippendorff's alpha between workers (nominal for
/// choices and text, interval for ratings and numbers), and each worker's agreement with the tasks' results. Only tasks
/// with two answers or more count: one answer agrees with nobody. Memory grows with the distinct values and workers, not
/// with the answers.
/// </summary>
public sealed class AgreementTally
{
    private readonly bool interval;
    private readonly Dictionary<string, long> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Answers, int Agreed)> workers = new(StringComparer.Ordinal);
    private double observed;
    private double sum;
    private double squares;
    private long pairable;

    private AgreementTally(bool interval) => this.interval = interval;

    /// <summary>A tally for the kind's answers; null for kinds whose answers are files (voice, photo) or sets (multiple choice).</summary>
    public static AgreementTally? For(AnswerKind kind) => kind switch
    {
        AnswerKind.Rating or AnswerKind.Number => new AgreementTally(interval: true),
        AnswerKind.SingleChoice or AnswerKind.YesNo or AnswerKind.Pairwise or AnswerKind.FreeText => new AgreementTally(interval: false),
        _ => null,
    };

    /// <summary>Tasks that had two comparable answers or more.</summary>
    public int Units { get; private set; }

    /// <summary>Krippendorff's alpha: 1 for perfect agreement, 0 for what chance gives; null with nothing to compare or no variation at all.</summary>
    public double? Alpha
    {
        get
        {
            if (pairable < 2)
            {
                return null;
            }

            var n = (double)pairable;
            var expected = interval
                ? (2 * n * squares - 2 * sum * sum) / (n * (n - 1))
                : (n * n - values.Values.Sum(c => (double)c * c)) / (n * (n - 1));
            return expected <= 0 ? null : 1 - (observed / n) / expected;
        }
    }

    /// <summary>Each worker's agreement with the results, by their key, in key order.</summary>
    public IReadOnlyList<WorkerAgreement> Workers =>
        [.. workers.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => new WorkerAgreement(w.Key, w.Value.Answers, w.Value.Agreed))];

    /// <summary>One task's answers and its result (null: none).</summary>
    public void Add(IReadOnlyList<AnswerRecord> answers, AggregatedAnswer? result)
    {
        var comparable = answers.Select(a => (a.WorkerKey, Value: Comparable(a.Value))).Where(a => a.Value is not null).ToList();
        if (comparable.Count < 2)
        {
            return;
        }

        Units++;
        var m = comparable.Count;
        pairable += m;
        if (interval)
        {
            double s = 0, q = 0;
            foreach (var (_, value) in comparable)
            {
                var x = double.Parse(value!, CultureInfo.InvariantCulture);
                s += x;
                q += x * x;
            }

            sum += s;
            squares += q;
            observed += (2 * m * q - 2 * s * s) / (m - 1);
        }
        else
        {
            double same = 0;
            foreach (var group in comparable.GroupBy(a => a.Value!, StringComparer.Ordinal))
            {
                same += (double)group.Count() * group.Count();
                values[group.Key] = values.GetValueOrDefault(group.Key) + group.Count();
            }

            observed += ((double)m * m - same) / (m - 1);
        }

        var settled = result?.Value is { } v ? Comparable(v) : null;
        foreach (var (worker, value) in comparable)
        {
            var (count, agreed) = workers.GetValueOrDefault(worker);
            workers[worker] = (count + 1, agreed + (settled is not null && value == settled ? 1 : 0));
        }
    }

    /// <summary>The form answers are compared in: a number in invariant digits (interval), else the normalised text; null when it is not one.</summary>
    private string? Comparable(string value)
    {
        if (!interval)
        {
            return AnswerRules.Normalize(value);
        }

        return decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? (number / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)
            : null;
    }
}
