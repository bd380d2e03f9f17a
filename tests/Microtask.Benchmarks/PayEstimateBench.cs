using System.Globalization;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Benchmarks;

/// <summary>
/// --pay-estimate: how close the pay per hour a task shows comes to what workers then earn. A simulated crowd answers a
/// project through the real claims and answers, on a simulated clock: each worker has a speed of their own (spread
/// between workers), and each task takes them a time drawn around it (spread within a worker). The pay-rates job's own
/// measure (<see cref="PayStore.MeasureAsync"/>) gives the rate shown once 30 answers exist, and the end; each worker's
/// realised rate is what /me shows them (<see cref="PayStore.EarnedSinceAsync"/>). Reports the share of workers whose
/// realised rate lies within ±20 % of the rate shown, averaged over several crowds drawn alike (one crowd's figure
/// swings with its draw), with the lowest and highest crowd's.
/// </summary>
internal static class PayEstimateBench
{
    private const long Reward = 150;
    private const int Workers = 40;
    private const int Tasks = 300;
    private const int Overlap = 3;

    /// <summary>The crowd's typical time per task, and the requester's guess of it in the wizard (too low, as guesses go).</summary>
    private const double TypicalSeconds = 30;
    private const int RequesterGuess = 20;

    /// <summary>Spread of a task's time around the worker's own typical time (log scale).</summary>
    private const double WithinWorker = 0.4;

    /// <summary>Crowds drawn per row, each from its own seed.</summary>
    private const int Crowds = 10;

    public static async Task<int> RunAsync(string[] backends)
    {
        Console.WriteLine($"{Workers} workers, {Tasks} tasks × overlap {Overlap}, reward {Reward}; typical time {TypicalSeconds:0} s, the requester's guess {RequesterGuess} s; " +
            $"a task's time log-normal around the worker's own (σ {WithinWorker:0.0}), the workers' own times log-normal around the typical one (σ below)");
        Console.WriteLine($"Workers within ±20 % of the rate shown, mean of {Crowds} crowds (lowest–highest crowd); workers with 5 answers or more.");
        Console.WriteLine("| backend | σ between workers | shown before 30 answers: the guess | shown once 30 answers exist | shown at the end | median of realised ÷ shown at the end |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var backend in backends)
        {
            foreach (var between in new[] { 0.15, 0.35 })
            {
                var runs = new List<Crowd>();
                for (var seed = 1; seed <= Crowds; seed++)
                {
                    runs.Add(await RunCrowdAsync(backend, between, seed));
                }

                static string Share(IEnumerable<double> shares) => string.Create(
                    CultureInfo.InvariantCulture, $"{shares.Average():0} % ({shares.Min():0}–{shares.Max():0})");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {backend} | {between:0.00} | {Share(runs.Select(r => r.Guess))} | {Share(runs.Select(r => r.AtThirty))} | {Share(runs.Select(r => r.End))} | {runs.Select(r => r.Ratio).Order().ElementAt(runs.Count / 2):0.00} |"));
            }
        }

        return 0;
    }

    /// <summary>One crowd's shares of workers within ±20 % of each rate shown, in percent, and its median realised ÷ shown.</summary>
    private sealed record Crowd(double Guess, double AtThirty, double End, double Ratio);

    private static async Task<Crowd> RunCrowdAsync(string backend, double between, int seed)
    {
        await using var stores = await SimulatedStores.CreateAsync(backend);
        var random = new Random(seed);
        var project = await stores.Projects.CreateAsync(
            new NewProject("Ulasan", "Positif?", AnswerKind.YesNo, [], "{{text}}", Reward, Overlap, TimeSpan.FromMinutes(10)) { EstimatedSeconds = RequesterGuess },
            Enumerable.Range(1, Tasks).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"ulasan {i}" })).ToList(),
            ProjectState.Active);
        var crowd = new List<(long Id, double Typical)>();
        for (var i = 0; i < Workers; i++)
        {
            crowd.Add(((await stores.Workers.EnsureAsync(7_000_000 + i, $"w{i}", "id")).Id, TypicalSeconds * LogNormal(random, between)));
        }

        var start = stores.Clock.GetUtcNow();
        var guess = PayRate.PerHour(Reward, RequesterGuess);
        long? atThirty = null;
        var answered = 0;
        var idle = 0;
        while (idle < Workers * 4)
        {
            var (worker, typical) = crowd[random.Next(crowd.Count)];
            if (await stores.Assignments.ClaimAsync(worker) is not { } claimed)
            {
                idle++;
                continue;
            }

            idle = 0;
            stores.Clock.Advance(TimeSpan.FromSeconds(Math.Min(typical * LogNormal(random, WithinWorker), 590)));
            await stores.Answers.SubmitAsync(claimed.Assignment.Id, worker, "yes");
            if (++answered == PayRate.MeasuredAfter)
            {
                await stores.Pay.MeasureAsync();
                atThirty = PayRate.PerHour((await stores.Projects.FindAsync(project))!);
            }
        }

        await stores.Pay.MeasureAsync();
        var end = PayRate.PerHour((await stores.Projects.FindAsync(project))!)!.Value;
        var realised = new List<long>();
        foreach (var (worker, _) in crowd)
        {
            if (await stores.Pay.EarnedSinceAsync(worker, start) is { Answers: >= 5, PerHour: { } rate })
            {
                realised.Add(rate);
            }
        }

        double Within(long shown) => 100.0 * realised.Count(r => Math.Abs(r - shown) <= 0.2 * shown) / realised.Count;
        var ratios = realised.Select(r => (double)r / end).Order().ToList();
        return new Crowd(Within(guess), Within(atThirty!.Value), Within(end), ratios[ratios.Count / 2]);
    }

    private static double LogNormal(Random random, double sigma)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Exp(sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
