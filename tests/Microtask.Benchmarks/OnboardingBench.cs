using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;

namespace Microtask.Benchmarks;

/// <summary>
/// --onboarding: new users arriving a few seconds apart, each going from /start through consent and the practice to
/// their first paid answer at a human pace: reading every message the bot sends them at a phone reader's speed, then
/// tapping (an edited message is read for the words it adds). Reports the time from /start to the first paid answer being saved (median, 95th percentile, slowest) and
/// how many messages a user read before it, on the real bot with its default practice.
/// </summary>
internal static class OnboardingBench
{
    /// <summary>Reading speed on a phone: about 200 words a minute.</summary>
    private static readonly TimeSpan PerWord = TimeSpan.FromMilliseconds(300);

    /// <summary>No message is read in less than this, however short.</summary>
    private static readonly TimeSpan LeastRead = TimeSpan.FromSeconds(1);

    /// <summary>From having read to the tap, for each message tapped.</summary>
    private static readonly TimeSpan Tap = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(BenchOptions options, int users)
    {
        Console.WriteLine($"{users} new users, one every {Arrival.TotalSeconds:0.0} s; reading {60 / PerWord.TotalSeconds:0} words a minute (at least {LeastRead.TotalSeconds:0} s a message), " +
            $"{Tap.TotalSeconds:0} s to tap; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine("| backend | users | median s | 95th percentile s | slowest s | messages read before the first paid answer | practice tasks |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var backend in options.Backends)
        {
            await using var bot = await BotUnderLoad.StartAsync(backend, options, new Dictionary<string, string?> { ["Microtask:Workers:Practice"] = "true" });
            await bot.App.Services.GetRequiredService<ProjectStore>().CreateAsync(
                new NewProject("Ulasan", "Apakah ulasan ini positif?", AnswerKind.YesNo, [], "{{text}}", 150, 3, TimeSpan.FromMinutes(5)) { EstimatedSeconds = 20 },
                Enumerable.Range(1, users * 2).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"Barangnya bagus, pengiriman cepat ({i})." })).ToList(),
                ProjectState.Active);
            var people = Enumerable.Range(1, users).Select(i => bot.Emulator.CreateUser($"Baru {i}", "id")).ToList();
            var runs = await Task.WhenAll(people.Select((user, i) => FirstPaidAnswerAsync(bot.Emulator, user.Id, Arrival * i)));
            var seconds = runs.Select(r => r.Elapsed.TotalSeconds).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {backend} | {users} | {Percentile(seconds, 0.5):0.0} | {Percentile(seconds, 0.95):0.0} | {seconds[^1]:0.0} | {runs.Average(r => r.Read):0.#} | {runs.Average(r => r.Practised):0.#} |"));
        }

        return 0;
    }

    /// <summary>How far apart new users arrive.</summary>
    private static readonly TimeSpan Arrival = TimeSpan.FromMilliseconds(500);

    private static async Task<(TimeSpan Elapsed, int Read, int Practised)> FirstPaidAnswerAsync(BotApiEmulator emulator, long user, TimeSpan arrival)
    {
        await Task.Delay(arrival);
        var read = new Dictionary<long, int>(); // words of each message read so far: an edited message is read for what it adds
        Task ReadAsync(ChatMessage m)
        {
            var words = m.PlainText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            var added = Math.Max(0, words - read.GetValueOrDefault(m.MessageId));
            read[m.MessageId] = words;
            var reading = PerWord * added;
            return Task.Delay(reading > LeastRead ? reading : LeastRead);
        }

        var clock = Stopwatch.StartNew();
        emulator.SendText(user, "/start");
        var welcome = await emulator.WaitForMessageAsync(user, m => LoadRun.Has(m, "c"), Wait);
        await ReadAsync(welcome);
        await Task.Delay(Tap);
        emulator.PressButton(user, welcome.MessageId, "c");
        var practised = 0;
        var last = welcome.MessageId;
        while (true)
        {
            var next = await emulator.WaitForMessageAsync(user, m => m.MessageId > last && (IsPractice(m) || LoadRun.IsTask(m)), Wait);
            // What came before it is read first: the consent's thanks, a practice verdict, "practice done".
            foreach (var earlier in emulator.Transcript(user).Where(m => m.FromBot && m.MessageId >= last && m.MessageId < next.MessageId))
            {
                await ReadAsync(earlier);
            }

            await ReadAsync(next);
            if (LoadRun.IsTask(next))
            {
                var answer = next.Buttons.First(b => b.CallbackData!.StartsWith("a:", StringComparison.Ordinal)).CallbackData!;
                await Task.Delay(Tap);
                emulator.PressButton(user, next.MessageId, answer);
                await emulator.WaitForMessageAsync(user, m => m.MessageId == next.MessageId && m.EditDate is not null && !LoadRun.IsTask(m), Wait);
                return (clock.Elapsed, read.Count, practised);
            }

            practised++;
            await Task.Delay(Tap);
            emulator.PressButton(user, next.MessageId, next.Buttons.First(b => b.CallbackData!.StartsWith("tp:", StringComparison.Ordinal)).CallbackData!);
            last = next.MessageId;
        }
    }

    private static bool IsPractice(ChatMessage m) => m.Buttons.Any(b => b.CallbackData?.StartsWith("tp:", StringComparison.Ordinal) == true);

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
