namespace Microtask.Core.Quality;

/// <summary>One pairwise answer: item <see cref="A"/> against item <see cref="B"/>, and which won (<see cref="Pairs"/>).</summary>
public sealed record Comparison(string A, string B, string Outcome);

/// <summary>An item's Bradley–Terry strength, and how many comparisons it took part in.</summary>
/// <param name="Score">The strength: item i beats item j with probability Score_i / (Score_i + Score_j).</param>
public sealed record ItemScore(string Item, double Score, double Wins, int Comparisons);

/// <summary>
/// Bradley–Terry scores fitted with Hunter's (2004) minorisation–maximisation iteration:
/// p_i ← W_i / Σ_j n_ij / (p_i + p_j), where W_i counts i's wins (a "same" is half a win to each) and n_ij the
/// comparisons of i with j. Each update raises the likelihood, so the iteration needs no step size.
/// </summary>
/// <remarks>
/// An item that never won (or never lost) has no finite maximum-likelihood score. A <c>prior</c> of k adds, for every
/// item, k drawn comparisons against a fixed reference of strength 1: scores stay finite and positive, an item seen
/// rarely stays near 1, and the scale is fixed by the reference. With no prior the scores are scaled so that their
/// geometric mean is 1.
/// </remarks>
public static class BradleyTerry
{
    public const double DefaultPrior = 1.0;

    /// <summary>Every item compared, strongest first (ties in score by name).</summary>
    public static IReadOnlyList<ItemScore> Fit(IEnumerable<Comparison> comparisons, double prior = DefaultPrior, int maxIterations = 10_000, double tolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentOutOfRangeException.ThrowIfNegative(prior);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        int Index(string item) => index.TryGetValue(item, out var i) ? i : index[item] = index.Count;

        var pairs = new Dictionary<(int, int), int>();
        var wins = new List<double>();
        var seen = new List<int>();
        foreach (var c in comparisons)
        {
            if (c.Outcome is not (Pairs.A or Pairs.B or Pairs.Same) || c.A == c.B)
            {
                continue;
            }

            var (a, b) = (Index(c.A), Index(c.B));
            while (wins.Count < index.Count)
            {
                wins.Add(0);
                seen.Add(0);
            }

            var key = a < b ? (a, b) : (b, a);
            pairs[key] = pairs.GetValueOrDefault(key) + 1;
            (seen[a], seen[b]) = (seen[a] + 1, seen[b] + 1);
            (wins[a], wins[b]) = c.Outcome switch
            {
                Pairs.A => (wins[a] + 1, wins[b]),
                Pairs.B => (wins[a], wins[b] + 1),
                _ => (wins[a] + 0.5, wins[b] + 0.5),
            };
        }

        var n = index.Count;
        var p = Enumerable.Repeat(1.0, n).ToArray();
        var sums = new double[n];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            Array.Clear(sums);
            foreach (var ((i, j), count) in pairs)
            {
                var share = count / (p[i] + p[j]);
                sums[i] += share;
                sums[j] += share;
            }

            var change = 0.0;
            for (var i = 0; i < n; i++)
            {
                var next = (wins[i] + prior / 2) / (sums[i] + prior / (p[i] + 1));
                change = Math.Max(change, Math.Abs(next - p[i]) / Math.Max(p[i], double.Epsilon));
                p[i] = next;
            }

            if (prior == 0 && n > 0)
            {
                // Without the reference the likelihood does not fix the scale: hold the geometric mean at 1.
                var mean = Math.Exp(p.Where(v => v > 0).Select(v => Math.Log(v)).DefaultIfEmpty(0).Average());
                for (var i = 0; i < n; i++)
                {
                    p[i] /= mean;
                }
            }

            if (change < tolerance)
            {
                break;
            }
        }

        return index.Select(kv => new ItemScore(kv.Key, p[kv.Value], wins[kv.Value], seen[kv.Value]))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Item, StringComparer.Ordinal).ToList();
    }
}
