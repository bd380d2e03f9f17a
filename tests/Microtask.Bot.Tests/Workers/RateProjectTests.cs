using System.Globalization;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Workers;

/// <summary>
/// After a worker's 10th answer on a project, then at most once a week, one optional question: a row of 1–5 for each of
/// pay, clarity, fair checks and payment speed, and Skip. The averages of the last 30 days show in the worker's project
/// list and in the requester's /progress, once five workers have rated.
/// </summary>
public abstract class RateProjectTests(string backend) : BotTest(backend, Settings)
{
    private const long OwnerId = 100001;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Microtask:Requesters:0"] = OwnerId.ToString(),
        ["Microtask:Workers:Ratings"] = "true",
        ["Microtask:Sender:PerChatBurst"] = "100", // dozens of answers in a row in one chat, faster than one a second
    };

    private Player owner = null!;

    protected override async Task StartedAsync()
    {
        owner = await Bot.WorkerAsync("Rini");
        Assert.Equal(OwnerId, owner.Id);
        await Bot.Get<LedgerStore>().TopupAsync(await Bot.ScalarAsync($"SELECT id FROM workers WHERE telegram_id = {OwnerId}"), 10_000_000);
    }

    [Fact]
    public async Task The_tenth_answer_brings_one_question_after_the_next_task_and_four_presses_rate_the_project()
    {
        var project = await ProjectAsync(tasks: 35);
        var worker = await Bot.WorkerAsync("Budi");
        await AnswerAsync(worker, 9);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM rating_prompts"));

        await AnswerAsync(worker, 1);
        var messages = worker.BotMessages();
        var question = messages[^1];
        Assert.True(IsTask(messages[^2])); // the next task came first, whole, and stays live
        Assert.Equal(
            $"⭐ How is project #{project} Street signs? Optional and anonymous: tap 1 (poor) to 5 (great) on each row.\n"
            + "💰 pay for the work · 📖 clear instructions · ⚖️ fair checks · ⏱ quick payment\nOnly averages are shown, once 5 workers have rated.",
            question.PlainText);
        Assert.Equal(
            ["💰 1 2 3 4 5", "📖 1 2 3 4 5", "⚖️ 1 2 3 4 5", "⏱ 1 2 3 4 5", "⏭ Skip"],
            question.Keyboard.Select(row => string.Join(" ", row.Select(b => b.Text))));

        // Each row chosen redraws the same message; the fourth stores the rating and thanks the worker in its place.
        var id = PromptId(question);
        await worker.PressAsync(question, question.Keyboard[0][4].CallbackData!);
        question = worker.Message(question.MessageId);
        Assert.Equal(["✅ 💰 pay: 4", "📖 1 2 3 4 5", "⚖️ 1 2 3 4 5", "⏱ 1 2 3 4 5", "⏭ Skip"], question.Keyboard.Select(row => string.Join(" ", row.Select(b => b.Text))));
        await worker.PressAsync(question, question.Keyboard[1][5].CallbackData!);
        await worker.PressAsync(question, worker.Message(question.MessageId).Keyboard[2][3].CallbackData!);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM project_ratings"));
        await worker.PressAsync(question, worker.Message(question.MessageId).Keyboard[3][4].CallbackData!);
        question = worker.Message(question.MessageId);
        Assert.Equal(
            $"⭐ Thank you! Your rating of project #{project}: 💰 pay: 4 · 📖 clarity: 5 · ⚖️ fair checks: 3 · ⏱ payment speed: 4. "
            + "It stays anonymous: only averages of 5 or more workers are shown.",
            question.PlainText);
        Assert.Empty(question.Keyboard);
        Assert.Equal(4534, await Bot.ScalarAsync($"SELECT pay * 1000 + clarity * 100 + fairness * 10 + payment_speed FROM project_ratings WHERE project_id = {project}"));
        Assert.True(IsTask(worker.BotMessages()[^2]));

        // A rated question is closed: an old press of it changes nothing.
        await worker.ForgeAsync(question.MessageId, $"rt:{id}:1:2");
        Assert.Equal("This rating question is closed (rated, skipped or over a week old); nothing changed.", worker.LastToast());
        Assert.Equal(4534, await Bot.ScalarAsync("SELECT pay * 1000 + clarity * 100 + fairness * 10 + payment_speed FROM project_ratings"));

        // Ten answers more within the week: no question. A week later, ten more bring the next one.
        await AnswerAsync(worker, 10);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM rating_prompts"));
        await worker.SendAsync("/pause");
        Bot.Time.Advance(TimeSpan.FromDays(8));
        await AnswerAsync(worker, 10);
        Assert.Equal(2, await Bot.ScalarAsync("SELECT COUNT(*) FROM rating_prompts"));
        Assert.StartsWith($"⭐ How is project #{project} Street signs?", worker.BotMessages()[^1].PlainText);
    }

    [Fact]
    public async Task Skip_closes_the_question_and_no_other_comes_for_a_week_from_the_skip()
    {
        var project = await ProjectAsync(tasks: 35);
        var worker = await Bot.WorkerAsync("Budi");
        await AnswerAsync(worker, 10);
        var question = worker.BotMessages()[^1];
        await worker.SendAsync("/pause");

        // Skipped three days after it was asked: the quiet week runs from the skip.
        Bot.Time.Advance(TimeSpan.FromDays(3));
        await worker.PressAsync(question, question.Keyboard[^1][0].CallbackData!);
        question = worker.Message(question.MessageId);
        Assert.Equal($"⏭ Rating skipped. You won't be asked about project #{project} again this week.", question.PlainText);
        Assert.Empty(question.Keyboard);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM rating_prompts WHERE state = 'skipped' AND closed_at > asked_at"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM project_ratings"));

        Bot.Time.Advance(TimeSpan.FromDays(5)); // eight days after the question, five after the skip
        await AnswerAsync(worker, 10);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM rating_prompts"));
        Assert.DoesNotContain(worker.BotMessages().Skip(worker.BotMessages().Count - 12), m => m.PlainText.StartsWith("⭐", StringComparison.Ordinal));

        await worker.SendAsync("/pause");
        Bot.Time.Advance(TimeSpan.FromDays(3));
        await AnswerAsync(worker, 10);
        Assert.Equal(2, await Bot.ScalarAsync("SELECT COUNT(*) FROM rating_prompts"));
        Assert.StartsWith($"⭐ How is project #{project} Street signs?", worker.BotMessages()[^1].PlainText);
    }

    [Fact]
    public async Task A_second_press_another_workers_prompt_a_stale_one_or_a_value_out_of_range_changes_nothing()
    {
        await ProjectAsync(tasks: 15);
        var worker = await Bot.WorkerAsync("Sari", "id");
        await AnswerAsync(worker, 10);
        var question = worker.BotMessages()[^1];
        Assert.StartsWith("⭐ Bagaimana proyek", question.PlainText);
        var id = PromptId(question);
        await worker.PressAsync(question, question.Keyboard[0][4].CallbackData!);
        await worker.SendAsync("/pause"); // no live task whose time could run out while the clock moves below
        var count = worker.BotMessages().Count;

        // The same row again, from the keyboard as it was before the redraw (a double tap).
        await worker.ForgeAsync(question.MessageId, question.Keyboard[0][2].CallbackData!);
        Assert.Equal("Anda sudah memberi upah nilai 4; tidak ada yang berubah.", worker.LastToast());
        await worker.PressAsync(question, worker.Message(question.MessageId).Keyboard[0][0].CallbackData!);
        Assert.Equal("Anda sudah memberi upah nilai 4; tidak ada yang berubah.", worker.LastToast());

        // Out of range: a sixth score, a fifth row, a score of nought.
        foreach (var data in new[] { $"rt:{id}:1:6", $"rt:{id}:4:3", $"rt:{id}:2:0" })
        {
            await worker.ForgeAsync(question.MessageId, data);
            Assert.Equal("Nilai berkisar 1 sampai 5 di empat baris; tombol itu bukan salah satunya. Tidak ada yang berubah.", worker.LastToast());
        }

        // The row's sign explains it.
        await worker.PressAsync(question, worker.Message(question.MessageId).Keyboard[1][0].CallbackData!);
        Assert.StartsWith("📖 Kejelasan: apakah petunjuk dan tugasnya mudah dipahami?", worker.LastToast());

        // Another worker's presses naming this question, under a message of their own chat (the only place they can press).
        var other = await Bot.WorkerAsync("Tom");
        var own = other.Last().MessageId;
        await other.ForgeAsync(own, $"rt:{id}:1:5");
        Assert.Equal("This rating question is not yours; nothing changed.", other.LastToast());
        await other.ForgeAsync(own, $"rs:{id}");
        Assert.Equal("This rating question is not yours; nothing changed.", other.LastToast());

        // A week on, the question is stale.
        Bot.Time.Advance(TimeSpan.FromDays(7));
        await worker.PressAsync(question, worker.Message(question.MessageId).Keyboard[1][3].CallbackData!);
        Assert.Equal("Pertanyaan penilaian ini sudah ditutup (sudah dinilai, dilewati, atau lebih dari seminggu); tidak ada yang berubah.", worker.LastToast());
        await worker.PressAsync(question, worker.Message(question.MessageId).Keyboard[^1][0].CallbackData!);
        Assert.Equal("Pertanyaan penilaian ini sudah ditutup (sudah dinilai, dilewati, atau lebih dari seminggu); tidak ada yang berubah.", worker.LastToast());

        Assert.Equal(count, worker.BotMessages().Count);
        Assert.DoesNotContain(other.BotMessages(), m => m.PlainText.StartsWith("⭐", StringComparison.Ordinal));
        Assert.Equal(["✅ 💰 upah: 4", "📖 1 2 3 4 5"], worker.Message(question.MessageId).Keyboard.Take(2).Select(row => string.Join(" ", row.Select(b => b.Text))));
        Assert.Equal(1, await Bot.ScalarAsync(
            $"SELECT COUNT(*) FROM rating_prompts WHERE id = {id} AND state = 'open' AND pay = 4 AND clarity IS NULL AND fairness IS NULL AND payment_speed IS NULL"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM project_ratings"));
    }

    [Fact]
    public async Task Averages_of_the_last_30_days_show_to_workers_and_the_requester_once_five_workers_rated()
    {
        var project = await ProjectAsync(tasks: 12, overlap: 2);
        var ratings = Bot.Get<RatingStore>();
        var viewer = await Bot.WorkerAsync("Sari", "id");
        Assert.DoesNotContain("Workers' rating", (await owner.SendAsync($"/progress {project}")).Caption);

        // Four workers, one of them twice a week apart: five ratings, four workers, still too few to show.
        var first = await Bot.WorkerAsync("A");
        await RateAsync(ratings, first, project, 1, 2, 3, 4);
        Bot.Time.Advance(TimeSpan.FromDays(8));
        await RateAsync(ratings, first, project, 5, 4, 3, 2);
        await RateAsync(ratings, await Bot.WorkerAsync("B"), project, 5, 5, 4, 3);
        await RateAsync(ratings, await Bot.WorkerAsync("C"), project, 4, 5, 4, 3);
        await RateAsync(ratings, await Bot.WorkerAsync("D"), project, 5, 4, 2, 3);
        Assert.Contains("Workers' rating: not enough ratings yet (shown once 5 workers have rated in 30 days)", (await owner.SendAsync($"/progress {project}")).Caption);
        Assert.DoesNotContain("⭐", (await viewer.SendAsync("/projects")).PlainText);

        // The fifth worker rates through the question; each worker weighs the same, the twice-asked one with their mean.
        var fifth = await Bot.WorkerAsync("E");
        await AnswerAsync(fifth, 10);
        var question = fifth.BotMessages()[^1];
        foreach (var (row, score) in new[] { (0, 4), (1, 4), (2, 3), (3, 5) })
        {
            await fifth.PressAsync(question, fifth.Message(question.MessageId).Keyboard[row][score].CallbackData!);
        }

        Assert.Contains(
            "\n⭐ Penilaian pekerja: upah 4,2 · kejelasan 4,2 · pemeriksaan adil 3,2 · kecepatan pembayaran 3,4 (1–5, 5 pekerja, 30 hari terakhir)",
            (await viewer.SendAsync("/projects")).PlainText);
        Assert.Contains(
            "\nWorkers' rating (1–5, 5 workers, last 30 days): pay 4.2 · clarity 4.2 · fair checks 3.2 · payment speed 3.4",
            (await owner.SendAsync($"/progress {project}")).Caption);

        // Thirty-one days after the first rating, it is out of the window; thirty more, all of them are.
        Bot.Time.Advance(TimeSpan.FromDays(23));
        Assert.Contains("pay 4.6 · clarity 4.4 · fair checks 3.2 · payment speed 3.2", (await owner.SendAsync($"/progress {project}")).Caption);
        Bot.Time.Advance(TimeSpan.FromDays(30));
        Assert.DoesNotContain("Workers' rating", (await owner.SendAsync($"/progress {project}")).Caption);
        Assert.DoesNotContain("⭐", (await viewer.SendAsync("/projects")).PlainText);
    }

    private static bool IsTask(ChatMessage m) => m.Buttons.Any(b => b.CallbackData?.StartsWith("a:", StringComparison.Ordinal) == true);

    /// <summary>The question's id, from the data of its buttons.</summary>
    private static long PromptId(ChatMessage question) => long.Parse(question.Buttons.First().CallbackData!.Split(':')[1], CultureInfo.InvariantCulture);

    /// <summary>Answers the live task (or the next one /task gives) <paramref name="answers"/> times.</summary>
    private static async Task AnswerAsync(Player worker, int answers)
    {
        for (var i = 0; i < answers; i++)
        {
            var task = worker.BotMessages().LastOrDefault(IsTask) ?? await worker.SendAsync("/task");
            Assert.True(IsTask(task), task.PlainText);
            await worker.AnswerAsync(task);
        }
    }

    private async Task RateAsync(RatingStore ratings, Player worker, long project, params int[] scores)
    {
        var workerId = await Bot.ScalarAsync($"SELECT id FROM workers WHERE telegram_id = {worker.Id}");
        var id = await ratings.AskAsync(workerId, project) ?? throw new InvalidOperationException("not asked");
        foreach (var criterion in ProjectRating.Criteria)
        {
            await ratings.RateAsync(id, workerId, criterion, scores[(int)criterion]);
        }
    }

    private async Task<long> ProjectAsync(int tasks, int overlap = 1) =>
        await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Street signs", "Is it a street sign?", AnswerKind.YesNo, [], "{{text}}", 100, overlap, TimeSpan.FromMinutes(5),
                RequesterId: await Bot.ScalarAsync($"SELECT id FROM workers WHERE telegram_id = {OwnerId}"), Budget: 1_000_000)
            {
                EstimatedSeconds = 20,
            },
            Enumerable.Range(1, tasks).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"item {i}" })).ToList(),
            ProjectState.Active);
}

public sealed class EmbeddedRateProjectTests() : RateProjectTests("Embedded");

public sealed class PostgresRateProjectTests() : RateProjectTests("Postgres");
