using System.Text;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>
/// /review: the requester settles the tasks the crowd is least sure of, one press each; their answer wins in /results,
/// marked as theirs, and a settled task can become gold.
/// </summary>
public abstract class ReviewTests(string backend)
    : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Requesters:0"] = RequesterId.ToString(), ["Microtask:Requesters:1"] = OtherRequesterId.ToString() })
{
    private const long RequesterId = 100001;
    private const long OtherRequesterId = 100002;
    private Player requester = null!;
    private long projectId;
    private long[] tasks = [];

    protected override async Task StartedAsync()
    {
        requester = await Bot.WorkerAsync("Rini", "en");
        var owner = (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
        projectId = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Animals", "Pick the animal", AnswerKind.SingleChoice, ["cat", "dog"], "<b>{{text}}</b>", 100, 3, TimeSpan.FromMinutes(5), owner, GoldPercent: 0),
            new[] { "a purring thing", "a sure cat", "a barking thing", "unanswered" }.Select(t => new NewTask(new Dictionary<string, string> { ["text"] = t })).ToList(),
            ProjectState.Active);
        tasks = await StoredAnswers.TaskIdsAsync(Bot, projectId);
        var w = await StoredAnswers.WorkersAsync(Bot, 3);
        await StoredAnswers.AddAsync(Bot, projectId,
        [
            (tasks[0], w[0], "cat"), (tasks[0], w[1], "dog"),
            (tasks[1], w[0], "cat"), (tasks[1], w[1], "cat"), (tasks[1], w[2], "cat"),
            (tasks[2], w[0], "dog"), (tasks[2], w[1], "dog"), (tasks[2], w[2], "cat"),
        ]);
    }

    [Fact]
    public async Task The_least_sure_task_comes_first_one_press_settles_it_and_results_show_it_as_the_requesters()
    {
        var first = await requester.SendAsync($"/review {projectId}");

        // The tie (1 cat, 1 dog) is the least sure; the task all three agreed on is not in the review.
        Assert.StartsWith($"🔍 Review of project #{projectId} — 1 of 2, the least sure first", first.PlainText);
        Assert.Contains("a purring thing", first.PlainText);
        Assert.Contains("Answers: cat ×1 · dog ×1 · the crowd is 50% sure", first.PlainText);
        Assert.Equal(["cat", "dog", "⏭ Skip"], first.Keyboard.SelectMany(r => r).Select(b => b.Text));

        var second = await requester.PressAsync(first, first.Keyboard[0][0].CallbackData!);
        var settled = requester.Message(first.MessageId);
        Assert.EndsWith("✅ Final answer: cat (yours; /results shows it as “requester”)", settled.PlainText);
        Assert.Equal(["⭐ Make it gold"], settled.Keyboard.SelectMany(r => r).Select(b => b.Text));
        Assert.StartsWith($"🔍 Review of project #{projectId} — 2 of 2", second.PlainText);
        Assert.Contains("a barking thing", second.PlainText);

        var done = await requester.PressAsync(second, second.Keyboard[1][0].CallbackData!);
        Assert.EndsWith("⏭ Skipped", requester.Message(second.MessageId).PlainText);
        Assert.Equal($"🏁 That was the last task of this review. /results {projectId} shows your answers, marked “requester”.", done.PlainText);

        // Make it gold: the settled task becomes a gold task with the requester's answer.
        await requester.PressAsync(settled, settled.Keyboard[0][0].CallbackData!);
        Assert.Contains("⭐ Now a gold task: the workers who get it are checked against cat.", requester.Message(first.MessageId).PlainText);
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE id = {tasks[0]} AND gold_answer = 'cat'"));

        var results = await requester.SendAsync($"/results {projectId}");
        var rows = CsvRows.Parse(Encoding.UTF8.GetString(Bot.Emulator.DownloadDocument(requester.Id, results.MessageId)!.AsSpan(3)));
        var row = rows.Single(r => r[0] == tasks[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["cat", "1", "requester"], [row[2], row[3], row[6]]);
        Assert.NotEqual("requester", rows.Single(r => r[0] == tasks[2].ToString(System.Globalization.CultureInfo.InvariantCulture))[6]);
    }

    [Fact]
    public async Task A_press_on_a_task_another_review_settled_is_refused_and_changes_nothing()
    {
        var older = await requester.SendAsync($"/review {projectId}");
        var newer = await requester.SendAsync($"/review {projectId}");
        await requester.PressAsync(newer, newer.Keyboard[0][1].CallbackData!);
        var count = requester.BotMessages().Count;

        await requester.PressAsync(older, older.Keyboard[0][0].CallbackData!);

        Assert.Equal("Already settled: dog. Nothing changed.", requester.LastToast());
        Assert.Equal(count, requester.BotMessages().Count);
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM final_answers WHERE task_id = {tasks[0]} AND answer = 'dog'"));

        // Another requester's press on this review, and a gold press on a task not settled: refused too.
        var stranger = await Bot.WorkerAsync("Sari", "id");
        Assert.Equal(OtherRequesterId, stranger.Id);
        var own = await stranger.SendAsync("/help");
        await stranger.ForgeAsync(own.MessageId, $"rv:{tasks[2]}:0");
        Assert.Equal("Itu bukan tugas proyek Anda.", stranger.LastToast());
        await requester.ForgeAsync(older.MessageId, $"rg:{tasks[2]}");
        Assert.Equal("This button is no longer valid.", requester.LastToast());
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM tasks WHERE gold_answer IS NOT NULL"));
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM final_answers"));
    }

    [Fact]
    public async Task Results_and_progress_say_how_much_the_workers_agree_and_each_workers_agreement_comes_by_pseudonym()
    {
        var results = await requester.SendAsync($"/results {projectId}");

        // Tasks with 2 answers or more: (cat, dog), (cat, cat, cat), (dog, dog, cat): n = 8, cat 5, dog 3. Coincidences of
        // cat and dog in either order: 2 from the first task, 4 / (3 - 1) = 2 from the third; alpha = 1 - 7 * 4 / (2 * 5 * 3) = 0.07.
        Assert.Equal(
            $"Results of project #{projectId}: 4 tasks, 8 answers.\nAgreement between workers (Krippendorff's α): 0.07, over 3 tasks with 2 answers or more.",
            results.Caption);
        var workers = requester.BotMessages().Single(m => m.DocumentFileName == $"project-{projectId}-workers.csv");
        var rows = CsvRows.Parse(Encoding.UTF8.GetString(Bot.Emulator.DownloadDocument(requester.Id, workers.MessageId)!.AsSpan(3)));
        Assert.Equal(["worker", "answers", "agreed_with_result", "agreement"], rows[0]);
        Assert.Equal(3, rows.Count - 1);
        Assert.Equal(8, rows.Skip(1).Sum(r => int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(rows.Skip(1), r => Assert.Matches("^w[0-9a-f]{10}$", r[0]));

        var progress = await requester.SendAsync($"/progress {projectId}");
        Assert.EndsWith("Agreement between workers (Krippendorff's α): 0.07, over 3 tasks with 2 answers or more.", progress.Caption);
    }

    [Fact]
    public async Task A_pair_the_crowd_split_on_is_settled_with_its_own_buttons_and_the_results_show_the_requesters_winner()
    {
        var owner = (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
        var pairs = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Logos", "Which logo is clearer?", AnswerKind.Pairwise, [], "A: {{left}}\nB: {{right}}", 100, 2, TimeSpan.FromMinutes(5), owner, GoldPercent: 0),
            [new NewTask(new Dictionary<string, string> { ["left"] = "round", ["right"] = "square" }), new NewTask(new Dictionary<string, string> { ["left"] = "red", ["right"] = "blue" })],
            ProjectState.Active);
        var ids = await StoredAnswers.TaskIdsAsync(Bot, pairs);
        long[] w = [await Bot.ScalarAsync("SELECT id FROM workers WHERE telegram_id = 900000"), await Bot.ScalarAsync("SELECT id FROM workers WHERE telegram_id = 900001")]; // the animal crowd's
        await StoredAnswers.AddAsync(Bot, pairs, [(ids[0], w[0], Pairs.A), (ids[0], w[1], Pairs.B), (ids[1], w[0], Pairs.A), (ids[1], w[1], Pairs.A)]);

        var first = await requester.SendAsync($"/review {pairs}");
        Assert.StartsWith($"🔍 Review of project #{pairs} — 1 of 1", first.PlainText);
        Assert.Contains("A: round", first.PlainText);
        Assert.Contains("Answers: A ×1 · B ×1 · the crowd is 50% sure", first.PlainText);
        Assert.Equal(["A", "B", "⏭ Skip"], first.Keyboard.SelectMany(r => r).Select(b => b.Text));

        await requester.PressAsync(first, first.Keyboard[0][1].CallbackData!);
        Assert.EndsWith("✅ Final answer: B (yours; /results shows it as “requester”)", requester.Message(first.MessageId).PlainText);

        var results = await requester.SendAsync($"/results {pairs}");
        var rows = CsvRows.Parse(Encoding.UTF8.GetString(Bot.Emulator.DownloadDocument(requester.Id, results.MessageId)!.AsSpan(3)));
        var header = rows[0].ToList();
        var settled = rows.Single(r => r[0] == ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["B", "1", "requester"], [settled[header.IndexOf("answer")], settled[header.IndexOf("confidence")], settled[header.IndexOf("method")]]);
        Assert.NotEqual("requester", rows.Single(r => r[0] == ids[1].ToString(System.Globalization.CultureInfo.InvariantCulture))[header.IndexOf("method")]);
    }

    [Fact]
    public async Task Review_refuses_what_it_cannot_do_in_the_requesters_language()
    {
        var owner = (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
        var text = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Names", "Type it", AnswerKind.FreeText, [], "{{text}}", 100, 3, TimeSpan.FromMinutes(5), owner), [], ProjectState.Active);

        Assert.Equal("Send /review followed by the project's id, e.g. /review 12.", (await requester.SendAsync("/review")).PlainText);
        Assert.Equal($"/review is for projects answered with one choice (single choice, yes/no, rating, pairwise); project #{text} is not one.",
            (await requester.SendAsync($"/review {text}")).PlainText);
        Assert.Equal("You have no project #999.", (await requester.SendAsync("/review 999")).PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM review_queue"));
    }
}

public sealed class EmbeddedReviewTests() : ReviewTests("Embedded");

public sealed class PostgresReviewTests() : ReviewTests("Postgres");
