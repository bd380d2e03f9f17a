using System.Globalization;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Sandbox;
using Microtask.Storage;

using static Microtask.Bot.Tests.Workers.GoldCrowd;

namespace Microtask.Bot.Tests.Workers;

/// <summary>
/// Gold that heals itself, end to end: workers marked wrong by a faulty gold answer dispute it; three disputes from
/// workers in good standing with a crowd that agrees against the gold set the task aside, recompute the records it
/// touched, lift the suspension it alone caused and ask the requester to keep or change it. Every refused dispute or
/// decision changes nothing.
/// </summary>
public abstract class GoldDisputeTests(string backend) : BotTest(backend, Settings)
{
    private const long OwnerId = 100001;
    private const long OtherRequesterId = 100002;
    private const string Dispute = "⚖️ Dispute";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Microtask:Admins:Owners:0"] = OwnerId.ToString(CultureInfo.InvariantCulture),
        ["Microtask:Requesters:0"] = OwnerId.ToString(CultureInfo.InvariantCulture),
        ["Microtask:Requesters:1"] = OtherRequesterId.ToString(CultureInfo.InvariantCulture),
        ["Microtask:Sender:PerChatBurst"] = "100",
    };

    private Player owner = null!;
    private Player otherRequester = null!;

    protected override async Task StartedAsync()
    {
        owner = await Bot.WorkerAsync("Owen");
        otherRequester = await Bot.WorkerAsync("Rex");
        Assert.Equal(OwnerId, owner.Id);
        Assert.Equal(OtherRequesterId, otherRequester.Id);
    }

    [Fact]
    public async Task Three_disputes_against_a_faulty_gold_set_it_aside_recount_lift_the_suspension_it_caused_and_the_requester_changes_it()
    {
        var (project, faulty) = await ProjectAsync(new QualityRules(60, 4, 0, 3, 0, true));

        // Vera reads every task right but slips on the last gold: with the faulty gold she has 2 of 4 and is suspended.
        var vera = await Bot.WorkerAsync("Vera");
        var veraTasks = await AnswerAllAsync(vera, task => task.PlainText.Contains("gold 3:", StringComparison.Ordinal) ? (Right(task) + 1) % 4 : Right(task));
        Assert.Contains("You are suspended from Gold project", vera.BotMessages().Single(m => m.PlainText.Contains("You are suspended from", StringComparison.Ordinal)).PlainText);
        var veraGold = vera.Message(veraTasks.Single(m => m.PlainText.Contains("gold 0:", StringComparison.Ordinal)).MessageId);
        Assert.Contains("the expected answer was a", veraGold.PlainText);
        Assert.Contains(veraGold.Buttons, b => b.Text == Dispute);
        var suspending = vera.Message(veraTasks[^1].MessageId);
        Assert.Contains("gold 3:", suspending.PlainText);
        Assert.Contains("the expected answer was a", suspending.PlainText);
        Assert.DoesNotContain(suspending.Buttons, b => b.Text == Dispute); // a suspended worker cannot dispute

        // Three honest workers: marked wrong on the faulty gold only, right elsewhere, in good standing (3 of 4).
        var honest = new[] { await Bot.WorkerAsync("Hana"), await Bot.WorkerAsync("Hadi"), await Bot.WorkerAsync("Hesti") };
        var goldMessages = new List<ChatMessage>();
        foreach (var worker in honest)
        {
            var tasks = await AnswerAllAsync(worker, Right);
            goldMessages.Add(worker.Message(tasks.Single(m => m.PlainText.Contains("gold 0:", StringComparison.Ordinal)).MessageId));
            var right = worker.Message(tasks.Single(m => m.PlainText.Contains("gold 1:", StringComparison.Ordinal)).MessageId);
            Assert.Contains("Correct — this was a check task.", right.PlainText);
            Assert.DoesNotContain(right.Buttons, b => b.Text == Dispute);
        }

        Assert.Equal(3, await RecordAsync(honest[0], "gold_correct"));
        Assert.Equal(4, await RecordAsync(honest[0], "gold_total"));
        Assert.Equal(2, await RecordAsync(vera, "gold_correct"));
        Assert.Equal(4, await RecordAsync(vera, "gold_total"));

        // Two disputes are recorded and wait; the button goes once pressed.
        for (var i = 0; i < 2; i++)
        {
            await honest[i].PressAsync(goldMessages[i], DisputeData(goldMessages[i]));
            Assert.StartsWith("⚖️ Dispute recorded. If enough workers dispute", honest[i].LastToast());
            Assert.DoesNotContain(honest[i].Message(goldMessages[i].MessageId).Buttons, b => b.Text == Dispute);
        }

        Assert.Equal(2, await Bot.ScalarAsync($"SELECT COUNT(*) FROM gold_disputes WHERE task_id = {faulty}"));
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE id = {faulty} AND gold_answer = 'a'"));

        // The third sets the task aside.
        await honest[2].PressAsync(goldMessages[2], DisputeData(goldMessages[2]));
        Assert.StartsWith("⚖️ Dispute recorded. With yours, enough workers disputed this check task", honest[2].LastToast());
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE id = {faulty} AND gold_answer IS NULL"));
        Assert.Equal(1, await Bot.ScalarAsync(
            $"SELECT COUNT(*) FROM gold_quarantine WHERE task_id = {faulty} AND gold_answer = 'a' AND crowd_answer = 'b' AND crowd_count = 4 AND answers = 4 AND disputes = 3 AND lifted = 1 AND decision IS NULL"));

        // The records it touched, recomputed without it: on the project and on the worker.
        Assert.Equal(0, await Bot.ScalarAsync($"SELECT COUNT(*) FROM answers WHERE task_id = {faulty} AND gold_correct IS NOT NULL"));
        foreach (var worker in honest)
        {
            Assert.Equal(3, await RecordAsync(worker, "gold_correct"));
            Assert.Equal(3, await RecordAsync(worker, "gold_total"));
            Assert.Equal(3, await Bot.ScalarAsync($"SELECT gold_total FROM workers WHERE telegram_id = {worker.Id}"));
        }

        Assert.Equal(2, await RecordAsync(vera, "gold_correct"));
        Assert.Equal(3, await RecordAsync(vera, "gold_total"));
        Assert.Equal(3, await Bot.ScalarAsync($"SELECT gold_total FROM workers WHERE telegram_id = {vera.Id}"));

        // Vera's suspension is lifted, she is told in her language, and the project's tasks come to her again.
        Assert.Equal(0, await Bot.ScalarAsync(
            $"SELECT COUNT(*) FROM bans b JOIN workers w ON w.id = b.worker_id WHERE w.telegram_id = {vera.Id} AND b.until > {Bot.Time.GetUtcNow().ToUnixTimeMilliseconds()}"));
        var told = await Bot.Emulator.WaitForMessageAsync(vera.Id, m => m.PlainText.Contains("You can get tasks from", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.Equal(
            "✅ You can get tasks from Gold project again. A check task you were marked wrong on had a faulty expected answer: 4 of 4 workers answered b, and 3 disputed it. It no longer counts, and your accuracy there is now 60% (2 of 3 right).",
            told.PlainText);
        Assert.Contains("pick", (await vera.SendAsync("/task")).PlainText);

        // The requester is told, with the evidence, and asked.
        var notice = await Bot.Emulator.WaitForMessageAsync(owner.Id, m => m.PlainText.Contains("is set aside", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.Contains($"A check task of #{project} Gold project is set aside\nTask #{faulty}\n", notice.PlainText);
        Assert.Contains("Its gold answer is a, but 4 of the 4 workers' answers counted say b, and 3 workers in good standing disputed it.", notice.PlainText);
        Assert.Contains("Suspensions it alone caused, now lifted (the workers were told): 1.", notice.PlainText);
        Assert.Equal(["✅ Keep «a»", "✏️ Change to «b»"], notice.Buttons.Select(b => b.Text).ToArray());
        var change = notice.Buttons.Single(b => b.Text.StartsWith("✏️", StringComparison.Ordinal)).CallbackData!;

        // All of it audited.
        var audit = (await owner.SendAsync("/audit")).PlainText;
        Assert.Equal(3, audit.Split("gold.dispute").Length - 1);
        Assert.Contains("gold.quarantine", audit);
        Assert.Contains("gold.unsuspend", audit);

        // Another requester's press is refused; the owner's changes the gold for the answers still to come.
        await otherRequester.ForgeAsync(otherRequester.Last().MessageId, change); // from a message of Rex's own chat
        Assert.Equal("This check task is not one of your projects'. Nothing changed.", otherRequester.LastToast());
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM gold_quarantine WHERE task_id = {faulty} AND decision IS NULL"));

        await owner.PressAsync(notice, change);
        var decided = owner.Message(notice.MessageId);
        Assert.EndsWith("✏️ Changed: the answers still to come are checked against b.", decided.PlainText);
        Assert.Empty(decided.Buttons);
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE id = {faulty} AND gold_answer = 'b'"));
        Assert.Contains("gold.change", (await owner.SendAsync("/audit")).PlainText);

        await owner.ForgeAsync(notice.MessageId, notice.Buttons.First().CallbackData!);
        Assert.Equal("Already decided: the answers are checked against «b». Nothing changed.", owner.LastToast());
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE id = {faulty} AND gold_answer = 'b'"));

        // Answers given before stay as recomputed; the next worker is checked against the corrected gold.
        Assert.Equal(3, await RecordAsync(honest[0], "gold_total"));
        var next = await Bot.WorkerAsync("Nina");
        var first = await next.SendAsync("/task");
        Assert.Contains("gold 0:", first.PlainText);
        await PickAsync(next, first, Right(first));
        Assert.Contains("Correct — this was a check task.", next.Message(first.MessageId).PlainText);
    }

    [Fact]
    public async Task Keep_restores_the_gold_answer_for_the_answers_still_to_come()
    {
        var (_, faulty) = await ProjectAsync(new QualityRules(0, 4, 0, 3, 0, true));
        var honest = new[] { await Bot.WorkerAsync("Hana"), await Bot.WorkerAsync("Hadi"), await Bot.WorkerAsync("Hesti") };
        foreach (var worker in honest)
        {
            var gold = worker.Message((await AnswerAllAsync(worker, Right)).Single(m => m.PlainText.Contains("gold 0:", StringComparison.Ordinal)).MessageId);
            await worker.PressAsync(gold, DisputeData(gold));
        }

        var notice = await Bot.Emulator.WaitForMessageAsync(owner.Id, m => m.PlainText.Contains("is set aside", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.DoesNotContain("Suspensions it alone caused", notice.PlainText);
        await owner.PressAsync(notice, notice.Buttons.Single(b => b.Text == "✅ Keep «a»").CallbackData!);
        Assert.EndsWith("✅ Kept: the answers still to come are checked against a.", owner.Message(notice.MessageId).PlainText);
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE id = {faulty} AND gold_answer = 'a'"));
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM gold_quarantine WHERE task_id = {faulty} AND decision = 'kept'"));
        Assert.Equal(3, await RecordAsync(honest[0], "gold_total"));

        // A decided task is not set aside again, and further disputes of it are refused.
        var late = await Bot.WorkerAsync("Lina");
        var lateGold = late.Message((await AnswerAllAsync(late, Right)).Single(m => m.PlainText.Contains("gold 0:", StringComparison.Ordinal)).MessageId);
        Assert.Contains("the expected answer was a", lateGold.PlainText);
        await late.PressAsync(lateGold, DisputeData(lateGold));
        Assert.Equal("This check task was already set aside and put to its requester. Nothing changed.", late.LastToast());
        Assert.Equal(3, await Bot.ScalarAsync($"SELECT COUNT(*) FROM gold_disputes WHERE task_id = {faulty}"));
    }

    [Fact]
    public async Task A_dispute_pressed_twice_is_refused_and_counted_once()
    {
        var (_, faulty) = await ProjectAsync(new QualityRules(0, 4, 0, 3, 0, true));
        var worker = await Bot.WorkerAsync("Hana");
        var gold = worker.Message((await AnswerAllAsync(worker, Right)).Single(m => m.PlainText.Contains("gold 0:", StringComparison.Ordinal)).MessageId);
        var data = DisputeData(gold);
        await worker.PressAsync(gold, data);
        await worker.ForgeAsync(gold.MessageId, data);
        Assert.Equal("You have already disputed this check task. Nothing changed.", worker.LastToast());
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM gold_disputes WHERE task_id = {faulty}"));
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'gold.dispute'"));
    }

    [Fact]
    public async Task A_dispute_of_an_ordinary_task_or_of_a_gold_answered_right_is_refused()
    {
        await ProjectAsync(new QualityRules(0, 4, 0, 3, 0, true));
        var worker = await Bot.WorkerAsync("Hana");
        var tasks = await AnswerAllAsync(worker, Right);
        var gold = worker.Message(tasks.Single(m => m.PlainText.Contains("gold 0:", StringComparison.Ordinal)).MessageId);
        Assert.Contains(gold.Buttons, b => b.Text == Dispute); // the feature is there: the refusals below are its own
        foreach (var text in new[] { "plain 0:", "gold 1:" })
        {
            var task = tasks.Single(m => m.PlainText.Contains(text, StringComparison.Ordinal));
            await worker.ForgeAsync(task.MessageId, $"gd:{AssignmentOf(task)}");
            Assert.Equal("Nothing to dispute: only an answer marked wrong on a check task can be disputed. Nothing changed.", worker.LastToast());
        }

        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM gold_disputes"));
    }

    [Fact]
    public async Task A_dispute_of_a_task_the_worker_did_not_answer_is_refused()
    {
        await ProjectAsync(new QualityRules(0, 4, 0, 3, 0, true));
        var hana = await Bot.WorkerAsync("Hana");
        var gold = hana.Message((await AnswerAllAsync(hana, Right)).Single(m => m.PlainText.Contains("gold 0:", StringComparison.Ordinal)).MessageId);
        var other = await Bot.WorkerAsync("Ode");
        var shown = await other.SendAsync("/task"); // a live task of Ode's own, not answered yet
        foreach (var data in new[] { DisputeData(gold), $"gd:{AssignmentOf(shown)}", "gd:987654" })
        {
            await other.ForgeAsync(shown.MessageId, data);
            Assert.Equal("You did not answer this task, so you cannot dispute it. Nothing changed.", other.LastToast());
        }

        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM gold_disputes"));
    }

    [Fact]
    public async Task A_dispute_by_a_worker_suspended_from_the_project_or_banned_is_refused()
    {
        var (project, _) = await ProjectAsync(new QualityRules(0, 4, 0, 3, 0, true));
        var suspended = await Bot.WorkerAsync("Sita");
        var banned = await Bot.WorkerAsync("Bima");
        var golds = new List<ChatMessage>();
        foreach (var worker in new[] { suspended, banned })
        {
            golds.Add(worker.Message((await AnswerAllAsync(worker, Right)).Single(m => m.PlainText.Contains("gold 0:", StringComparison.Ordinal)).MessageId));
        }

        await owner.SendAsync($"/suspend {suspended.Id} {project} cheating");
        await owner.SendAsync($"/ban {banned.Id} 1d cheating");

        await suspended.PressAsync(golds[0], DisputeData(golds[0]));
        Assert.Equal(
            "You are suspended from this project: only workers in good standing can dispute its check tasks. Nothing changed. To contest the suspension, send /appeal.",
            suspended.LastToast());
        await banned.PressAsync(golds[1], DisputeData(golds[1]));
        Assert.StartsWith("Sorry, your account is blocked", banned.LastToast());
        Assert.Contains(suspended.Message(golds[0].MessageId).Buttons, b => b.Text == Dispute);
        Assert.Contains(banned.Message(golds[1].MessageId).Buttons, b => b.Text == Dispute);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM gold_disputes"));
    }

    [Fact]
    public async Task Three_disputes_set_nothing_aside_when_the_crowd_does_not_agree()
    {
        var (_, faulty) = await ProjectAsync(new QualityRules(0, 4, 0, 3, 0, true));

        // Three disputes, but the crowd is split: b, c, b, c.
        var workers = new[] { await Bot.WorkerAsync("Hana"), await Bot.WorkerAsync("Hadi"), await Bot.WorkerAsync("Hesti"), await Bot.WorkerAsync("Heru") };
        var golds = await GoldsAsync(workers, (worker, task) => Array.IndexOf(workers, worker) % 2 == 1 && task.PlainText.Contains("gold 0:", StringComparison.Ordinal) ? 2 : Right(task));
        for (var i = 0; i < 3; i++)
        {
            await workers[i].PressAsync(golds[i], DisputeData(golds[i]));
            Assert.StartsWith("⚖️ Dispute recorded. If enough workers dispute", workers[i].LastToast());
        }

        Assert.Equal(3, await Bot.ScalarAsync($"SELECT COUNT(*) FROM gold_disputes WHERE task_id = {faulty}"));
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE id = {faulty} AND gold_answer = 'a'"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM gold_quarantine"));
        Assert.Equal(4, await RecordAsync(workers[0], "gold_total"));
    }

    [Fact]
    public async Task A_disputer_suspended_before_the_third_dispute_is_not_counted()
    {
        var (project, faulty) = await ProjectAsync(new QualityRules(0, 4, 0, 3, 0, true));
        var crowd = new[] { await Bot.WorkerAsync("Ina"), await Bot.WorkerAsync("Iwan"), await Bot.WorkerAsync("Indah") };
        var golds = await GoldsAsync(crowd, (_, task) => Right(task));
        await crowd[0].PressAsync(golds[0], DisputeData(golds[0]));
        await crowd[1].PressAsync(golds[1], DisputeData(golds[1]));
        await owner.SendAsync($"/suspend {crowd[0].Id} {project} testing");
        await crowd[2].PressAsync(golds[2], DisputeData(golds[2]));
        Assert.StartsWith("⚖️ Dispute recorded. If enough workers dispute", crowd[2].LastToast());
        Assert.Equal(3, await Bot.ScalarAsync($"SELECT COUNT(*) FROM gold_disputes WHERE task_id = {faulty}"));
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE id = {faulty} AND gold_answer = 'a'"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM gold_quarantine"));
    }

    /// <summary>Each worker answers every task with <paramref name="choose"/>; their faulty gold's messages, as they stand now.</summary>
    private static async Task<List<ChatMessage>> GoldsAsync(IReadOnlyList<Player> workers, Func<Player, ChatMessage, int> choose)
    {
        var golds = new List<ChatMessage>();
        foreach (var worker in workers)
        {
            var tasks = await AnswerAllAsync(worker, task => choose(worker, task));
            golds.Add(worker.Message(tasks.Single(m => m.PlainText.Contains("gold 0:", StringComparison.Ordinal)).MessageId));
        }

        return golds;
    }

    /// <summary>The Dispute button's data under a gold verdict.</summary>
    private static string DisputeData(ChatMessage gold) => gold.Buttons.Single(b => b.Text == Dispute).CallbackData!;

    /// <summary>The assignment a task message's answer buttons name ("a:&lt;assignment&gt;:&lt;option&gt;").</summary>
    private static string AssignmentOf(ChatMessage task) => task.Buttons.First(b => b.CallbackData!.StartsWith("a:", StringComparison.Ordinal)).CallbackData!.Split(':')[1];

    /// <summary>The worker's record on the project (worker_quality).</summary>
    private Task<long> RecordAsync(Player worker, string column) =>
        Bot.ScalarAsync($"SELECT q.{column} FROM worker_quality q JOIN workers w ON w.id = q.worker_id WHERE w.telegram_id = {worker.Id}");

    /// <summary>Answers every task offered with <paramref name="choose"/>; the task messages, as first shown.</summary>
    private static async Task<List<ChatMessage>> AnswerAllAsync(Player worker, Func<ChatMessage, int> choose)
    {
        var answered = new List<ChatMessage>();
        var task = await worker.SendAsync("/task");
        while (task.PlainText.Contains("pick", StringComparison.Ordinal))
        {
            answered.Add(task);
            task = await PickAsync(worker, task, choose(task));
        }

        return answered;
    }

    /// <summary>
    /// A project whose gold comes first (100 %): four gold tasks, of which the first's gold answer is wrong (its text
    /// says b, its gold a), and two ordinary tasks; overlap 5. Returns the project and the faulty task.
    /// </summary>
    private async Task<(long Project, long Faulty)> ProjectAsync(QualityRules rules)
    {
        var requester = await Bot.Get<WorkerStore>().FindAsync(OwnerId);
        var gold = new (string Text, string Gold)[] { ("gold 0: pick b", "a"), ("gold 1: pick c", "c"), ("gold 2: pick d", "d"), ("gold 3: pick a", "a") };
        var tasks = gold.Select(g => new NewTask(new Dictionary<string, string> { ["text"] = g.Text }, g.Gold))
            .Concat(Enumerable.Range(0, 2).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"plain {i}: pick {"abcd"[i]}" })))
            .ToList();
        var id = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Gold project", "Pick what the text says", AnswerKind.SingleChoice, ["a", "b", "c", "d"], "{{text}}", 10, 5, TimeSpan.FromMinutes(5), requester!.Id, 100, Rules: rules),
            tasks,
            ProjectState.Active);
        var faulty = await Bot.ScalarAsync($"SELECT MIN(id) FROM tasks WHERE project_id = {id}");
        return (id, faulty);
    }
}

public sealed class EmbeddedGoldDisputeTests() : GoldDisputeTests("Embedded");

public sealed class PostgresGoldDisputeTests() : GoldDisputeTests("Postgres");
