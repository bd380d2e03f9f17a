using System.Text;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Sandbox;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>
/// When a project's gold tasks, overlap and crowd leave its accuracy rule unable to judge anyone, the upload report,
/// /rules and the new project's quality question say so with the numbers and the change that would let it.
/// </summary>
public abstract class JudgingNoteTests(string backend) : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Requesters:0"] = RequesterId.ToString() })
{
    // The first user a fresh emulator makes.
    private const long RequesterId = 100001;
    private Player requester = null!;

    protected override async Task StartedAsync()
    {
        requester = await Bot.WorkerAsync("Rini", "en");
        Assert.Equal(RequesterId, requester.Id);
    }

    [Fact]
    public async Task Fewer_gold_rows_than_after_are_named_in_the_upload_report_and_in_rules_with_the_fix()
    {
        var id = await ProjectAsync(overlap: 5, QualityRules.Default, []);
        var csv = new StringBuilder("text,gold\n");
        for (var i = 0; i < 20; i++)
        {
            csv.Append(CultureInvariant($"animal {i},{(i < 5 ? "cat" : "")}\n"));
        }

        var report = await UploadAsync(csv.ToString(), $"#{id}");
        const string never = "⚠️ The gold accuracy rule can never judge anyone here: it waits for 8 gold answers from a worker, but the project has 5 gold tasks, and nobody answers a task twice.";
        Assert.Contains("Rows accepted: 20 (gold: 5)", report.PlainText);
        Assert.Contains($"{never} Add about 3 gold rows, or judge after fewer: /rules {id} after 5.", report.PlainText);
        await requester.PressAsync(report, report.Keyboard[0][0].CallbackData!);
        Assert.Equal(20, await Bot.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE project_id = {id}"));

        Assert.Contains(never, (await requester.SendAsync($"/rules {id}")).PlainText);
        var changed = (await requester.SendAsync($"/rules {id} after 5")).PlainText;
        Assert.Contains("suspend below 60% gold accuracy after 5 gold answers", changed);
        Assert.DoesNotContain("⚠️", changed);
        Assert.DoesNotContain("⚠️", (await requester.SendAsync($"/rules {id}")).PlainText);
    }

    [Fact]
    public async Task Gold_spread_too_thin_over_the_crowd_is_named_with_its_numbers()
    {
        // Six workers answered this week: four gold tasks at overlap 2 give them eight gold answers, about 1.3 each.
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 12, overlap: 1);
        for (var i = 0; i < 6; i++)
        {
            var worker = await Bot.WorkerAsync($"Worker {i}");
            await worker.AnswerAsync(await worker.SendAsync("/task")); // and is shown the next
        }

        var tasks = Enumerable.Range(0, 10).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"t{i}" }, i < 4 ? "cat" : null)).ToList();
        var id = await ProjectAsync(overlap: 2, QualityRules.Default with { MinGold = 3 }, tasks);

        var shown = (await requester.SendAsync($"/rules {id}")).PlainText;

        Assert.Contains(
            "⚠️ The gold accuracy rule will hardly ever judge anyone: 4 gold tasks, each answered by at most 2 workers, give 8 gold answers; "
            + $"spread over about 6 workers that is about 1.3 each, but the rule waits for 3. Add about 5 gold rows, or turn the rule off: /rules {id} accuracy 0.",
            shown);
        Assert.DoesNotContain("⚠️", (await requester.SendAsync($"/rules {id} accuracy 0")).PlainText);
    }

    [Fact]
    public async Task The_quality_question_says_how_many_gold_rows_the_rule_needs()
    {
        await requester.SendAsync("/newproject");
        await requester.SendAsync("Animals");
        var kinds = await requester.SendAsync("Is it a cat?");
        await requester.PressAsync(kinds, kinds.Keyboard[0][1].CallbackData!); // yes / no
        foreach (var answer in new[] { "{{text}}", "0", "20s", "4", "90s" })
        {
            await requester.SendAsync(answer);
        }

        var question = await requester.SendAsync("none");
        Assert.Contains("10/11 · Quality rules", question.PlainText);
        Assert.Contains(
            "ℹ️ The accuracy rule judges a worker once they have given 8 gold answers. Nobody answers a gold task twice and each goes to at most 4 workers, "
            + "so for a crowd of about 4 your batches need at least 8 gold rows; with fewer, write a smaller after.",
            question.PlainText);

        var budget = (await requester.SendAsync("after 12")).PlainText;
        Assert.StartsWith("ℹ️ The accuracy rule judges a worker once they have given 12 gold answers.", budget);
        Assert.Contains("at least 12 gold rows", budget);
        Assert.Contains("11/11 · Budget", budget);
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private async Task<long> ProjectAsync(int overlap, QualityRules rules, IReadOnlyList<NewTask> tasks)
    {
        var owner = (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
        return await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Animals", "Pick one", AnswerKind.SingleChoice, ["cat", "dog"], "{{text}}", 100, overlap, TimeSpan.FromMinutes(5), owner, Rules: rules),
            tasks,
            ProjectState.Active);
    }

    private async Task<ChatMessage> UploadAsync(string content, string caption)
    {
        var update = Bot.Emulator.SendDocument(requester.Id, "animals.csv", Encoding.UTF8.GetBytes(content), caption: caption);
        await Bot.Emulator.WaitUntilConfirmedAsync(update, TimeSpan.FromSeconds(15));
        return requester.Last();
    }
}

public sealed class EmbeddedJudgingNoteTests() : JudgingNoteTests("Embedded");

public sealed class PostgresJudgingNoteTests() : JudgingNoteTests("Postgres");
