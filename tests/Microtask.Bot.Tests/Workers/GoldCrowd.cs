using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Sandbox;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Workers;

/// <summary>
/// A crowd that can be right or wrong on purpose: four-option tasks whose text names the right button ("pick c"), gold
/// and ordinary, and workers who answer them by a rule of the test's choosing.
/// </summary>
internal static class GoldCrowd
{
    /// <summary>Presses the answer button for a, b, c or d (0–3), wherever the keyboard puts it.</summary>
    public static Task<ChatMessage> PickAsync(Player worker, ChatMessage task, int choice) =>
        worker.PressAsync(task, task.Keyboard.SelectMany(r => r).Single(b => b.Text == "abcd"[choice].ToString()).CallbackData!);

    /// <summary>The button that is right for a task: its text names it ("pick c").</summary>
    public static int Right(ChatMessage task) => "abcd".IndexOf(task.PlainText[task.PlainText.IndexOf("pick ", StringComparison.Ordinal) + 5]);

    /// <summary>Answers tasks with <paramref name="choose"/> until none is offered; how many were answered.</summary>
    public static async Task<int> WorkAsync(Player worker, Func<ChatMessage, int> choose)
    {
        var task = await worker.SendAsync("/task");
        var answered = 0;
        while (task.PlainText.Contains("pick", StringComparison.Ordinal))
        {
            task = await PickAsync(worker, task, choose(task));
            answered++;
        }

        return answered;
    }

    /// <summary>The requester's (Telegram id <paramref name="ownerId"/>) project of <paramref name="gold"/> gold and <paramref name="ordinary"/> ordinary tasks.</summary>
    public static async Task<long> ProjectAsync(BotHarness bot, long ownerId, QualityRules rules, int goldPercent, int gold, int ordinary, int overlap)
    {
        var requester = await bot.Get<WorkerStore>().FindAsync(ownerId);
        var tasks = Enumerable.Range(0, gold)
            .Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"gold {i}: pick {"abcd"[(i + 1) % 4]}" }, "abcd"[(i + 1) % 4].ToString()))
            .Concat(Enumerable.Range(0, ordinary).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"plain {i}: pick {"abcd"[i % 4]}" })))
            .ToList();
        return await bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Gold project", "Pick what the text says", AnswerKind.SingleChoice, ["a", "b", "c", "d"], "{{text}}", 10, overlap, TimeSpan.FromMinutes(5),
                requester!.Id, goldPercent, Rules: rules),
            tasks,
            ProjectState.Active);
    }
}
