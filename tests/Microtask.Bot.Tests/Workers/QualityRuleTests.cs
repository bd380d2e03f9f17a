using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Core.Quality;
using Microtask.Storage;

using static Microtask.Bot.Tests.Workers.GoldCrowd;

namespace Microtask.Bot.Tests.Workers;

/// <summary>
/// A project's quality rules end to end: the gold accuracy rule suspends a random clicker and spares honest workers,
/// too-fast answers are flagged and repeated flags suspend, a qualification comes before the real tasks, suspended
/// workers' answers are left out of the results, and an appeal granted gives a fresh start.
/// </summary>
public abstract class QualityRuleTests(string backend) : BotTest(backend, Settings)
{
    private const long OwnerId = 100001;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Microtask:Admins:Owners:0"] = OwnerId.ToString(),
        ["Microtask:Requesters:0"] = OwnerId.ToString(),
        ["Microtask:Sender:PerChatBurst"] = "100", // dozens of answers in a row in one chat, faster than one a second
    };

    private Player owner = null!;

    protected override async Task StartedAsync()
    {
        owner = await Bot.WorkerAsync("Owen");
        Assert.Equal(OwnerId, owner.Id);
    }

    [Fact]
    public async Task A_random_clicker_is_suspended_by_the_gold_rule_while_honest_workers_are_not()
    {
        // Every task says which answer is right; the gold ones know it too. Gold first (100 %), judged after 4.
        var id = await ProjectAsync(
            QualityRules.Default with { MinAccuracy = 60, MinGold = 4 }, goldPercent: 100, gold: 12, ordinary: 6, overlap: 3);
        var honest = new[] { await Bot.WorkerAsync("Hana"), await Bot.WorkerAsync("Hadi") };
        var cheater = await Bot.WorkerAsync("Cici");
        var random = new Random(20261127);

        foreach (var worker in honest)
        {
            Assert.Equal(18, await WorkAsync(worker, task => Right(task)));
        }

        var answered = await WorkAsync(cheater, task => random.Next(4));
        Assert.True(answered < 18, $"the random clicker answered {answered} tasks");
        var suspended = cheater.BotMessages().Single(m => m.PlainText.Contains("You are suspended from"));
        Assert.Contains("Gold project: your accuracy on its check tasks is", suspended.PlainText);
        Assert.True(suspended.PlainText.Contains("below the 60% it asks for"), suspended.PlainText);
        Assert.Contains("/appeal", suspended.PlainText);
        Assert.Equal("There are no tasks for you right now. Try again a little later. 🙏", (await cheater.SendAsync("/task")).PlainText);

        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM bans WHERE project_id = {id} AND rule = 'accuracy' AND created_by IS NULL"));
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM bans b JOIN workers w ON w.id = b.worker_id WHERE w.telegram_id = {cheater.Id}"));
        var correct = await Bot.ScalarAsync($"SELECT q.gold_correct FROM worker_quality q JOIN workers w ON w.id = q.worker_id WHERE w.telegram_id = {cheater.Id}");
        var total = await Bot.ScalarAsync($"SELECT q.gold_total FROM worker_quality q JOIN workers w ON w.id = q.worker_id WHERE w.telegram_id = {cheater.Id}");
        Assert.True(QualityRules.Smoothed((int)correct, (int)total) < 0.6 && total >= 4, $"{correct} of {total}");

        // Admins see it: the record on the project and the rule behind the suspension.
        var profile = (await owner.SendAsync($"/user {cheater.Id}")).PlainText;
        Assert.Contains($"• #{id}: gold {correct} of {total} right", profile);
        Assert.Contains("gold accuracy rule: ", profile);

        // The results leave the cheater's answers out, and say so.
        var results = await owner.SendAsync($"/results {id}");
        Assert.Contains($"Results of project #{id}: 18 tasks, 36 answers.", results.Caption);
        Assert.Contains($"{answered} answers of 1 suspended or banned workers are left out", results.Caption);
        Assert.Equal(36 + answered, await Bot.ScalarAsync($"SELECT COUNT(*) FROM answers WHERE project_id = {id}"));

        // The requester may keep them instead.
        Assert.Contains("answers of suspended or banned workers stay in the results", (await owner.SendAsync($"/rules {id} exclude no")).PlainText);
        Assert.Contains($"{36 + answered} answers.", (await owner.SendAsync($"/results {id}")).Caption);
    }

    [Fact]
    public async Task Too_fast_answers_are_flagged_repeated_flags_suspend_and_a_granted_appeal_starts_afresh()
    {
        var id = await ProjectAsync(QualityRules.Default with { MinSeconds = 5, FastFlags = 3 }, goldPercent: 0, gold: 0, ordinary: 10, overlap: 1);
        var worker = await Bot.WorkerAsync("Fajar");

        var first = await worker.SendAsync("/task");
        var second = await PickAsync(worker, first, Right(first)); // at once: flagged
        Assert.Contains("That answer came very fast. Please read each task before you answer: 1 of 3", worker.Message(first.MessageId).PlainText);
        Bot.Time.Advance(TimeSpan.FromSeconds(6));
        var third = await PickAsync(worker, second, Right(second)); // after reading: fine
        Assert.DoesNotContain("very fast", worker.Message(second.MessageId).PlainText);
        var fourth = await PickAsync(worker, third, Right(third));
        Assert.Contains("2 of 3", worker.Message(third.MessageId).PlainText);
        var last = await PickAsync(worker, fourth, Right(fourth));
        Assert.Contains("You are suspended from Gold project: 3 of your answers came in under 5 s", worker.Message(fourth.MessageId).PlainText);
        Assert.Equal("There are no tasks for you right now. Try again a little later. 🙏", last.PlainText);
        Assert.Equal(3, await Bot.ScalarAsync($"SELECT COUNT(*) FROM answers WHERE project_id = {id} AND too_fast"));
        Assert.Contains("3 too-fast flags", (await owner.SendAsync($"/user {worker.Id}")).PlainText);

        // Appealable: the appeal reaches the queue, granting it lifts the suspension and clears the flags.
        Assert.StartsWith("📨 Your appeal has been sent", (await worker.SendAsync("/appeal I read fast, really")).PlainText);
        await Bot.Emulator.WaitForMessageAsync(owner.Id, m => m.PlainText.Contains("New appeal from Fajar"), TimeSpan.FromSeconds(15));
        var card = await owner.SendAsync("/reports");
        Assert.Contains("I read fast, really", card.PlainText);
        await owner.PressAsync(card, card.Keyboard.SelectMany(r => r).Single(b => b.Text == "Lift it").CallbackData!);
        Assert.Equal(0, await Bot.ScalarAsync($"SELECT fast_flags FROM worker_quality WHERE project_id = {id}"));
        var again = await worker.SendAsync("/task");
        Assert.Contains("pick", again.PlainText);
        await PickAsync(worker, again, Right(again));
        Assert.Contains("1 of 3", worker.Message(again.MessageId).PlainText);
    }

    [Fact]
    public async Task A_qualification_comes_first_passing_opens_the_project_and_failing_closes_it()
    {
        // No gold mixed in afterwards (0 %): only the qualification brings gold tasks before the others.
        var id = await ProjectAsync(QualityRules.Default with { Qualification = 3, MinAccuracy = 60 }, goldPercent: 0, gold: 4, ordinary: 4, overlap: 3);
        var good = await Bot.WorkerAsync("Gita");
        var poor = await Bot.WorkerAsync("Putu");

        var task = await good.SendAsync("/task");
        var previous = task;
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("gold", task.PlainText);
            (previous, task) = (task, await PickAsync(good, task, Right(task)));
        }

        Assert.Contains("You passed the qualification for Gold project: its tasks are open to you now.", good.Message(previous.MessageId).PlainText);
        Assert.Contains("plain", task.PlainText);

        task = await poor.SendAsync("/task");
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("gold", task.PlainText);
            (previous, task) = (task, await PickAsync(poor, task, (Right(task) + 1) % 4));
        }

        Assert.Contains("You did not pass the qualification for Gold project: 0 of 3 check tasks right", poor.Message(previous.MessageId).PlainText);
        Assert.Equal("There are no tasks for you right now. Try again a little later. 🙏", task.PlainText);
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM bans WHERE project_id = {id} AND rule = 'qualification'"));
        Assert.Equal(0, await Bot.ScalarAsync($"SELECT COUNT(*) FROM answers a JOIN tasks t ON t.id = a.task_id JOIN workers w ON w.id = a.worker_id WHERE w.telegram_id = {poor.Id} AND t.gold_answer IS NULL"));
    }

    private Task<long> ProjectAsync(QualityRules rules, int goldPercent, int gold, int ordinary, int overlap) =>
        GoldCrowd.ProjectAsync(Bot, OwnerId, rules, goldPercent, gold, ordinary, overlap);
}

public sealed class EmbeddedQualityRuleTests() : QualityRuleTests("Embedded");

public sealed class PostgresQualityRuleTests() : QualityRuleTests("Postgres");
