using System.Diagnostics;
using Microtask.Sandbox;

namespace Microtask.Benchmarks;

/// <summary>What one backend did inside the measured window.</summary>
internal sealed record LoadResult(
    string Backend, int Workers, int Seconds, long Answers, double PerSecond, Percentiles Latency,
    long DryPresses, long Failures, Usage Usage, IReadOnlyDictionary<string, double> CallsPerAnswer);

/// <summary>
/// N sandbox users working as fast as the bot lets them: each presses the first answer button of its task message
/// and waits for the next task message (a new message id in its chat). Latency is press → next task message.
/// </summary>
internal sealed class LoadRun(BotUnderLoad bot, BenchOptions options)
{
    private static readonly TimeSpan SetupWait = TimeSpan.FromSeconds(60);
    internal static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(30);
    private const string InReply = " in webhook replies";
    private static readonly string[] Methods = ["getUpdates", "sendMessage", "editMessageText", "answerCallbackQuery", "answerCallbackQuery" + InReply];

    private static long Calls(BotApiEmulator emulator, string method) =>
        method.EndsWith(InReply, StringComparison.Ordinal) ? emulator.WebhookReplyCount(method[..^InReply.Length]) : emulator.RequestCount(method);

    private long dry;
    private long failures;

    public IReadOnlyList<SandboxUser> Users { get; private set; } = [];

    /// <summary>Every answer a worker saw through to the next task, warm-up and drain included.</summary>
    public long Completed { get; private set; }

    public async Task<LoadResult> RunAsync(string backend)
    {
        var emulator = bot.Emulator;
        Users = Enumerable.Range(1, options.Workers).Select(i => emulator.CreateUser($"Worker {i}", "en")).ToList();
        var firstTasks = await Task.WhenAll(Users.Select(u => StartAsync(emulator, u.Id)));

        using var sampler = new UsageSampler();
        var begin = Stopwatch.GetTimestamp();
        var windowStart = begin + Ticks(options.WarmupSeconds);
        var windowEnd = windowStart + Ticks(options.Seconds);
        var marks = new Dictionary<string, long>();
        var markTask = Task.Run(async () =>
        {
            await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), windowStart));
            sampler.Begin();
            foreach (var m in Methods) marks[m] = Calls(emulator, m);
            await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), windowEnd));
            sampler.End();
            foreach (var m in Methods) marks[m] = Calls(emulator, m) - marks[m];
        });
        var perWorker = await Task.WhenAll(Users.Select((u, i) => Task.Run(() => WorkAsync(u, firstTasks[i], windowEnd))));
        await markTask;

        var all = perWorker.SelectMany(w => w).ToList();
        Completed = all.Count;
        var inWindow = all.Where(a => a.Done >= windowStart && a.Done < windowEnd).ToList();
        var latencies = all.Where(a => a.Pressed >= windowStart && a.Pressed < windowEnd)
            .Select(a => Stopwatch.GetElapsedTime(a.Pressed, a.Done).TotalMilliseconds).ToList();
        var answers = inWindow.Count;
        var calls = marks.ToDictionary(kv => kv.Key, kv => answers == 0 ? 0 : (double)kv.Value / answers);
        return new LoadResult(backend, options.Workers, options.Seconds, answers, answers / (double)options.Seconds,
            Percentiles.Of(latencies), dry, failures, sampler.Result, calls);
    }

    /// <summary>/start, consent, Next: returns the worker's first task message.</summary>
    internal static async Task<ChatMessage> StartAsync(BotApiEmulator emulator, long user)
    {
        emulator.SendText(user, "/start");
        var welcome = await emulator.WaitForMessageAsync(user, m => Has(m, "c"), SetupWait);
        emulator.PressButton(user, welcome.MessageId, "c");
        await emulator.WaitForMessageAsync(user, m => m.MessageId == welcome.MessageId && Has(m, "n"), SetupWait);
        emulator.PressButton(user, welcome.MessageId, "n");
        return await emulator.WaitForMessageAsync(user, m => m.MessageId > welcome.MessageId && IsTask(m), SetupWait);
    }

    private async Task<List<(long Pressed, long Done)>> WorkAsync(SandboxUser user, ChatMessage task, long until)
    {
        var emulator = bot.Emulator;
        var done = new List<(long, long)>(capacity: 256);
        while (Stopwatch.GetTimestamp() < until)
        {
            var answer = task.Buttons.FirstOrDefault(b => b.CallbackData?.StartsWith("a:", StringComparison.Ordinal) == true)?.CallbackData;
            var pressed = Stopwatch.GetTimestamp();
            try
            {
                if (answer is null)
                {
                    // The pool ran dry: "no tasks" with a Next button. Ask again after a pause; not an answer.
                    Interlocked.Increment(ref dry);
                    await Task.Delay(200);
                    emulator.PressButton(user.Id, task.MessageId, "n");
                }
                else
                {
                    emulator.PressButton(user.Id, task.MessageId, answer);
                }

                var last = task.MessageId;
                task = await emulator.WaitForMessageAsync(user.Id, m => m.MessageId > last && (IsTask(m) || Has(m, "n")), AnswerWait);
                if (answer is not null)
                {
                    done.Add((pressed, Stopwatch.GetTimestamp()));
                }
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                Interlocked.Increment(ref failures);
                Console.Error.WriteLine($"worker {user.Id}: {e.Message.Split('\n')[0]}");
                break;
            }
        }

        return done;
    }

    internal static bool Has(ChatMessage m, string data) => m.Buttons.Any(b => b.CallbackData == data);

    internal static bool IsTask(ChatMessage m) => m.Buttons.Any(b => b.CallbackData?.StartsWith("a:", StringComparison.Ordinal) == true);

    private static long Ticks(int seconds) => seconds * Stopwatch.Frequency;
}

internal sealed record Percentiles(double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(List<double> values)
    {
        if (values.Count == 0) return new(0, 0, 0, 0);
        values.Sort();
        double At(double q) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
        return new(At(0.50), At(0.95), At(0.99), values[^1]);
    }
}
