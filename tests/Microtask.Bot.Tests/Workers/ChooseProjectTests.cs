using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Workers;

/// <summary>
/// /projects for a worker: the projects open to them with what each pays and has left, and a button that makes the next
/// tasks come from that project until the worker picks any project again or it runs out for them.
/// </summary>
public abstract class ChooseProjectTests(string backend) : BotTest(backend, Settings)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Microtask:Requesters:0"] = "100001",
    };

    private Player requester = null!;
    private Player worker = null!;

    protected override async Task StartedAsync()
    {
        requester = await Bot.WorkerAsync("Rini", "en");
        worker = await Bot.WorkerAsync("Budi", "en");
        await Bot.Get<LedgerStore>().TopupAsync(await Bot.ScalarAsync("SELECT id FROM workers WHERE telegram_id = 100001"), 1_000_000);
    }

    [Fact]
    public async Task A_worker_lists_the_open_projects_and_works_on_the_one_chosen_until_it_runs_out()
    {
        var many = await ProjectAsync("Many reviews", tasks: 5, reward: 150, estimate: 30);
        var few = await ProjectAsync("Few photos", tasks: 2, reward: 300, estimate: 60, template: "{{image:photo}} {{text}}");

        var list = await worker.SendAsync("/projects");
        Assert.Equal(
            "🗂 Projects you can work on. Press one to take its tasks next; /task takes them from any project.\n\n"
            + $"#{many} Many reviews · Yes / no\n💰 Rp 150 per answer · about 30 s each (the requester's estimate) · ≈ Rp 18,000 an hour\n📋 5 tasks left for you\n\n"
            + $"#{few} Few photos · Yes / no, 🖼 pictures\n💰 Rp 300 per answer · about 1 min each (the requester's estimate) · ≈ Rp 18,000 an hour\n📋 2 tasks left for you",
            list.PlainText);
        Assert.Equal([$"▶️ #{many} Many reviews", $"▶️ #{few} Few photos"], list.Keyboard.Select(r => r.Single().Text));

        // Depth first, /task would begin with the first project; the choice takes the second one's tasks instead.
        var task = await worker.PressAsync(list, list.Keyboard[1][0].CallbackData!);
        Assert.Equal($"Your next tasks come from project #{few}.", worker.LastToast());
        Assert.Contains("Few photos", task.PlainText);
        await worker.AnswerAsync(task);
        Assert.Contains("Few photos", worker.Last().PlainText);
        // The task the worker holds is theirs already: the list counts what is left beyond it, and says what is chosen.
        Assert.StartsWith($"🗂 Projects you can work on. Your tasks come from #{few} until you press Any project", (await worker.SendAsync("/projects")).PlainText);

        // Its last task answered, the project has nothing left for the worker: they are told, and work goes on from any project.
        await worker.AnswerAsync(worker.BotMessages().Last(m => m.PlainText.Contains("Few photos") && m.Keyboard.Count > 0));
        var messages = worker.BotMessages();
        Assert.Equal($"Project #{few} has no more tasks for you; tasks come from any project again.", messages[^2].PlainText);
        Assert.Contains("Many reviews", messages[^1].PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM workers WHERE project_choice IS NOT NULL"));
    }

    [Fact]
    public async Task Any_project_undoes_the_choice_and_a_closed_project_cannot_be_chosen()
    {
        var first = await ProjectAsync("First", tasks: 3, reward: 100, estimate: 20);
        var second = await ProjectAsync("Second", tasks: 3, reward: 100, estimate: 20);
        var list = await worker.SendAsync("/projects");
        await worker.PressAsync(list, list.Keyboard[1][0].CallbackData!);
        await worker.SendAsync("/skip");

        var chosen = await worker.SendAsync("/projects");
        Assert.StartsWith($"🗂 Projects you can work on. Your tasks come from #{second} until you press Any project", chosen.PlainText);
        Assert.Equal("🔀 Any project", chosen.Keyboard[^1][0].Text);
        await worker.PressAsync(chosen, chosen.Keyboard[^1][0].CallbackData!);
        Assert.Equal("Your next tasks come from any project.", worker.LastToast());
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM workers WHERE project_choice IS NOT NULL"));

        // A project closed since the list was sent: its old button changes nothing.
        var requesterId = await Bot.ScalarAsync("SELECT id FROM workers WHERE telegram_id = 100001");
        Assert.True(await Bot.Get<ProjectStore>().ChangeStateAsync(first, requesterId, [ProjectState.Active], ProjectState.Closed));
        var count = worker.BotMessages().Count;
        await worker.PressAsync(list, list.Keyboard[0][0].CallbackData!);
        Assert.Equal("That project has no tasks for you now.", worker.LastToast());
        Assert.Equal(count, worker.BotMessages().Count);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM workers WHERE project_choice IS NOT NULL"));
        Assert.DoesNotContain($"#{first} First", (await worker.SendAsync("/projects")).PlainText);
    }

    [Fact]
    public async Task A_requester_keeps_their_own_list_and_finds_the_open_one_under_projects_open()
    {
        var own = await ProjectAsync("Mine", tasks: 2, reward: 100, estimate: 20);
        var others = await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 1);

        Assert.StartsWith("Your projects", (await requester.SendAsync("/projects")).PlainText);
        var open = (await requester.SendAsync("/projects open")).PlainText;
        Assert.Contains($"#{others} YesNo project", open);
        Assert.DoesNotContain($"#{own} Mine", open); // a requester never answers their own tasks
        Assert.Contains($"#{own} Mine", (await worker.SendAsync("/projects kerja")).PlainText);
        Assert.StartsWith("/projects takes no arguments", (await worker.SendAsync("/projects 12")).PlainText);
    }

    [Fact]
    public async Task With_nothing_open_the_list_says_so()
    {
        Assert.Equal("No project has tasks for you right now. Try again later.", (await worker.SendAsync("/projects")).PlainText);
    }

    private async Task<long> ProjectAsync(string title, int tasks, long reward, int estimate, string template = "{{text}}")
    {
        var owner = await Bot.ScalarAsync("SELECT id FROM workers WHERE telegram_id = 100001");
        return await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject(title, "Is it good?", AnswerKind.YesNo, [], template, reward, 1, TimeSpan.FromMinutes(5), RequesterId: owner, Budget: 50_000)
            {
                EstimatedSeconds = estimate,
            },
            Enumerable.Range(1, tasks).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"item {i}", ["photo"] = "sample:image" })).ToList(),
            ProjectState.Active);
    }
}

public sealed class EmbeddedChooseProjectTests() : ChooseProjectTests("Embedded");

public sealed class PostgresChooseProjectTests() : ChooseProjectTests("Postgres");
