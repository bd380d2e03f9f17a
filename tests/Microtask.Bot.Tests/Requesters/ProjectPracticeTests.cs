using System.Text;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>
/// A requester's own practice tasks: rows of a batch marked practice, with a gold answer and an explanation. A worker new
/// to the project goes through them (unpaid, judged, explained) before any of its tasks, its qualification included;
/// gold tasks with an explanation show it with their verdict.
/// </summary>
public abstract class ProjectPracticeTests(string backend) : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Requesters:0"] = RequesterId.ToString() })
{
    private const long RequesterId = 100001;
    private Player requester = null!;
    private long projectId;

    protected override async Task StartedAsync()
    {
        requester = await Bot.WorkerAsync("Rini", "en");
        var owner = (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
        projectId = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Animals", "Pick the animal", AnswerKind.SingleChoice, ["cat", "dog"], "<b>{{text}}</b>", 100, 3, TimeSpan.FromMinutes(5), owner,
                GoldPercent: 0, Rules: QualityRules.Default with { Qualification = 1 }),
            [],
            ProjectState.Active);
    }

    [Fact]
    public async Task A_new_worker_goes_through_the_practice_then_the_qualification_then_the_tasks()
    {
        const string csv = """
            text,gold,explanation,practice
            a kitten purring,cat,Kittens are young cats.,yes
            a puppy barking,dog,Barking is what dogs do.,ya
            a cat on a roof,cat,Whiskers and a tail up high: a cat.,
            a dog in a park,,,
            """;
        var report = await UploadAsync("with-practice.csv", csv);
        Assert.Contains("Rows accepted: 4 (gold: 1)", report.PlainText);
        Assert.Contains("Practice tasks: 2.", report.PlainText);
        var imported = await requester.PressAsync(report, report.Keyboard[0][0].CallbackData!);
        Assert.Contains("✅ Imported 2 tasks", requester.Message(report.MessageId).PlainText);
        Assert.Equal(2, await Bot.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE project_id = {projectId}"));
        Assert.Equal(2, await Bot.ScalarAsync($"SELECT COUNT(*) FROM practice_tasks WHERE project_id = {projectId}"));

        var worker = await Bot.WorkerAsync("Sari", "id");
        var first = await worker.SendAsync("/task");

        // The practice comes first, before the qualification's gold task: nothing is leased while it lasts.
        Assert.StartsWith("🎓 Latihan 1/2 untuk proyek ini · tidak dibayar, tidak dihitung\n\nAnimals", first.PlainText);
        Assert.Contains("a kitten purring", first.PlainText);
        Assert.DoesNotContain("Rp", first.PlainText);
        Assert.Equal(["cat", "dog"], first.Keyboard.SelectMany(r => r).Select(b => b.Text));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM assignments WHERE state = 'active'"));

        var second = await worker.PressAsync(first, first.Keyboard[0][1].CallbackData!);
        Assert.EndsWith("❌ Jawaban yang benar cat. Kittens are young cats.", worker.Message(first.MessageId).PlainText);
        Assert.Empty(worker.Message(first.MessageId).Keyboard);
        Assert.StartsWith("🎓 Latihan 2/2", second.PlainText);

        var qualification = await worker.PressAsync(second, second.Keyboard[0][1].CallbackData!);
        Assert.EndsWith("✅ Benar: dog. Barking is what dogs do.\n\n🎉 Latihan selesai. Tugas berbayar proyek ini menyusul.", worker.Message(second.MessageId).PlainText);

        // Then the qualification: the gold task, whose verdict carries the requester's explanation.
        Assert.Contains("a cat on a roof", qualification.PlainText);
        Assert.Contains("💰", qualification.PlainText);
        await worker.PressAsync(qualification, qualification.Keyboard[0][1].CallbackData!);
        Assert.Contains(
            "ℹ️ Ini adalah tugas pemeriksaan; jawaban yang diharapkan adalah cat.\n💡 Whiskers and a tail up high: a cat.",
            worker.Message(qualification.MessageId).PlainText);
        Assert.Equal(0, await Bot.ScalarAsync($"SELECT COUNT(*) FROM answers a JOIN tasks t ON t.id = a.task_id WHERE t.gold_answer IS NULL"));
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM practice_done WHERE project_id = {projectId}"));

        // A second press of the last practice button shows its verdict again and offers nothing more.
        var count = worker.BotMessages().Count;
        await worker.ForgeAsync(second.MessageId, second.Keyboard[0][1].CallbackData!);
        Assert.Equal(count, worker.BotMessages().Count);
    }

    [Fact]
    public async Task After_the_practice_the_tasks_come_at_once_and_the_practice_never_again()
    {
        var report = await UploadAsync("p.csv", "text,gold,HINT:why,practice\na kitten,cat,Young cat.,1\na cat,cat,,\na dog,,,\n");
        await requester.PressAsync(report, report.Keyboard[0][0].CallbackData!);
        var worker = await Bot.WorkerAsync("Budi", "en");
        var practice = await worker.SendAsync("/task");
        Assert.StartsWith("🎓 Practice 1/1 for this project", practice.PlainText);

        var gold = await worker.PressAsync(practice, practice.Keyboard[0][0].CallbackData!);
        Assert.Contains("a cat", gold.PlainText);
        var task = await worker.AnswerAsync(gold);
        Assert.Contains("🎯 Correct — this was a check task.", worker.Message(gold.MessageId).PlainText);
        Assert.DoesNotContain("💡", worker.Message(gold.MessageId).PlainText);
        Assert.Contains("a dog", task.PlainText);
        Assert.DoesNotContain("🎓", task.PlainText);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM practice_done"));
    }

    [Fact]
    public async Task Practice_rows_that_do_not_hold_are_refused_by_line_and_nothing_is_imported()
    {
        const string csv = """
            text,gold,explanation,practice
            a kitten,cat,,yes
            a puppy,,Puppies bark.,
            a cat,cat,Cats purr.,maybe
            """;
        var report = await UploadAsync("bad-practice.csv", csv);

        Assert.Contains("line 2: a practice task needs both a gold answer and an explanation", report.PlainText);
        Assert.Contains("line 3: explanation: an explanation needs a gold answer in the same row", report.PlainText);
        Assert.Contains("line 4: practice: “maybe” is not yes or no", report.PlainText);
        Assert.Empty(report.Keyboard);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM practice_tasks"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM tasks"));
    }

    private async Task<Sandbox.ChatMessage> UploadAsync(string name, string content)
    {
        var update = Bot.Emulator.SendDocument(requester.Id, name, Encoding.UTF8.GetBytes(content), caption: $"#{projectId}");
        await Bot.Emulator.WaitUntilConfirmedAsync(update, TimeSpan.FromSeconds(15));
        return requester.Last();
    }
}

public sealed class EmbeddedProjectPracticeTests() : ProjectPracticeTests("Embedded");

public sealed class PostgresProjectPracticeTests() : ProjectPracticeTests("Postgres");
