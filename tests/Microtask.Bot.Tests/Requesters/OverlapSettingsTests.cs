using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>
/// Dynamic overlap as a requester sets it: "2-5 until 90%" in the wizard's overlap question and in /rules, shown in the
/// project's summary and rules; a wrong range gets a message saying what is wrong, in the requester's language, and
/// changes nothing.
/// </summary>
public abstract class OverlapSettingsTests(string backend) : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Requesters:0"] = RequesterId.ToString() })
{
    // The first user a fresh emulator makes.
    private const long RequesterId = 100001;
    private Player requester = null!;

    protected override async Task StartedAsync()
    {
        requester = await Bot.WorkerAsync("Rini", "en");
        Assert.Equal(RequesterId, requester.Id);
        await Bot.Get<LedgerStore>().TopupAsync(await OwnerAsync(), 10_000);
    }

    [Fact]
    public async Task The_wizard_takes_a_range_and_a_target_and_the_summary_shows_what_the_budget_pays_at_each_end()
    {
        var overlap = await UpToOverlapAsync();
        Assert.Contains("2-5 until 90%", overlap.PlainText);

        Assert.Contains("the minimum comes first", (await requester.SendAsync("5-2 until 90%")).PlainText);
        Assert.Contains("The target is a percent from 1% to 100%", (await requester.SendAsync("2-5 until 0%")).PlainText);
        Assert.Contains("The target is a percent from 1% to 100%", (await requester.SendAsync("2-5 until 101%")).PlainText);
        Assert.Contains("or a range and a target", (await requester.SendAsync("2-5")).PlainText);
        Assert.Contains("or a range and a target", (await requester.SendAsync("2-21 until 90%")).PlainText);
        Assert.Contains("8/11 · Time limit", (await requester.SendAsync("2-5 until 90%")).PlainText);

        foreach (var answer in new[] { "90s", "none", "default" })
        {
            await requester.SendAsync(answer);
        }

        var summary = await requester.SendAsync("1000");
        Assert.Contains("overlap 2–5 until 90%", summary.PlainText);
        Assert.Contains("Budget Rp 1,000: pays for 10 answers (2 tasks if each takes the maximum of 5; 5 if each stops at 2)", summary.PlainText);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM projects WHERE overlap = 2 AND overlap_max = 5 AND overlap_target = 90"));
    }

    [Fact]
    public async Task Voice_notes_keep_a_fixed_overlap()
    {
        await requester.SendAsync("/newproject");
        await requester.SendAsync("Read aloud");
        var kinds = await requester.SendAsync("Read the sentence");
        await requester.PressAsync(kinds, kinds.Keyboard[3][0].CallbackData!); // voice
        foreach (var answer in new[] { "1-30", "{{text}}", "100", "20s" })
        {
            await requester.SendAsync(answer);
        }

        Assert.Contains("Voice notes and photos cannot be compared", (await requester.SendAsync("2-5 until 90%")).PlainText);
        Assert.Contains("8/11 · Time limit", (await requester.SendAsync("3")).PlainText);
    }

    [Fact]
    public async Task Rules_change_the_overlap_of_the_project_and_of_its_tasks_not_done_yet()
    {
        var id = await ProjectAsync(AnswerKind.YesNo, tasks: 3);
        var worker = await Bot.WorkerAsync("Wati");
        var task = await worker.SendAsync("/task");
        await worker.AnswerAsync(task, option: 0);

        var changed = (await requester.SendAsync($"/rules {id} overlap 2-5 until 90%, gold 20%")).PlainText;

        Assert.Contains($"Overlap of #{id} changed", changed);
        Assert.Contains("• overlap: 2 answers per task, then one more at a time, up to 5, while fewer than 90% of its answers agree and more could still change its answer", changed);
        Assert.Contains("gold tasks: 20% of the tasks shown", changed);
        Assert.Equal(3, await Bot.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE project_id = {id} AND overlap = 2 AND overlap_max = 5"));
        Assert.Contains("• overlap: 2 answers per task, then one more", (await requester.SendAsync($"/rules {id}")).PlainText);

        using (var http = Api.ApiClient.For(Bot, await Api.ApiClient.NewTokenAsync(requester, "ci")))
        {
            var read = await Api.ApiClient.JsonAsync(await http.GetAsync($"projects/{id}"));
            Assert.Equal((2, 5, 90), (read.GetProperty("overlap").GetInt32(), read.GetProperty("overlap_max").GetInt32(), read.GetProperty("overlap_target").GetInt32()));
        }

        Assert.Contains($"Overlap of #{id} changed", (await requester.SendAsync($"/rules {id} overlap 4")).PlainText);
        Assert.Contains("• overlap: 4 answers per task", (await requester.SendAsync($"/rules {id}")).PlainText);
        Assert.Equal(3, await Bot.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE project_id = {id} AND overlap = 4 AND overlap_max IS NULL"));
    }

    [Theory]
    [InlineData("overlap 5-2 until 90%", "the minimum comes first")]
    [InlineData("overlap 2-5 until 0%", "The target is a percent from 1% to 100%")]
    [InlineData("overlap 2-5 until 150%", "The target is a percent from 1% to 100%")]
    [InlineData("overlap 0", "Overlap is a whole number from 1 to 20")]
    [InlineData("overlap 2-5 until 90%, gold 200%", "I could not read")]
    public async Task A_wrong_overlap_in_rules_changes_nothing(string changes, string said)
    {
        var id = await ProjectAsync(AnswerKind.YesNo, tasks: 2);

        Assert.Contains(said, (await requester.SendAsync($"/rules {id} {changes}")).PlainText);

        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM projects WHERE id = {id} AND overlap = 3 AND overlap_max IS NULL AND gold_percent = 10"));
        Assert.Equal(2, await Bot.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE project_id = {id} AND overlap = 3 AND overlap_max IS NULL"));
    }

    [Fact]
    public async Task A_wrong_range_is_explained_in_indonesian()
    {
        await Bot.Get<WorkerStore>().SetLanguageAsync(await OwnerAsync(), "id");
        var id = await ProjectAsync(AnswerKind.YesNo, tasks: 1);

        Assert.Contains("minimum ditulis lebih dulu", (await requester.SendAsync($"/rules {id} overlap 5-2 sampai 90%")).PlainText);
        Assert.Contains("Target adalah persen dari 1% sampai 100%", (await requester.SendAsync($"/rules {id} overlap 2-5 sampai 0%")).PlainText);
        Assert.Contains("satu lagi setiap kali, sampai 5", (await requester.SendAsync($"/rules {id} overlap 2-5 sampai 90%")).PlainText);
    }

    [Fact]
    public async Task An_upload_says_when_the_budget_cannot_pay_its_tasks_at_their_maximum()
    {
        var id = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Animals", "Pick one", AnswerKind.YesNo, [], "{{text}}", 100, 2, TimeSpan.FromMinutes(5), await OwnerAsync(), Budget: 1_000)
            {
                OverlapMax = 5,
                OverlapTarget = 90,
            },
            [],
            ProjectState.Active);

        var covered = await UploadAsync(id, "text\none\ntwo\n"); // 2 tasks × 5 = 10 answers: covered
        Assert.Contains("Rows accepted: 2", covered.PlainText);
        Assert.DoesNotContain("💸", covered.PlainText);

        var shortOf = await UploadAsync(id, "text\none\ntwo\nthree\n");
        Assert.Contains(
            "💸 The budget left, Rp 1,000, pays for 10 answers; with this file the project's tasks may want up to 15 (at most 5 each). "
            + "Answers are paid as they come; when the budget cannot pay another, the project pauses. /close returns what is not spent.",
            shortOf.PlainText);
    }

    private async Task<ChatMessage> UploadAsync(long projectId, string csv)
    {
        var update = Bot.Emulator.SendDocument(requester.Id, "animals.csv", System.Text.Encoding.UTF8.GetBytes(csv), caption: $"#{projectId}");
        await Bot.Emulator.WaitUntilConfirmedAsync(update, TimeSpan.FromSeconds(15));
        return requester.Last();
    }

    /// <summary>/newproject for a yes/no project, answered up to the overlap question, which it returns.</summary>
    private async Task<ChatMessage> UpToOverlapAsync()
    {
        await requester.SendAsync("/newproject");
        await requester.SendAsync("Animals");
        var kinds = await requester.SendAsync("Is it a cat?");
        await requester.PressAsync(kinds, kinds.Keyboard[0][1].CallbackData!); // yes / no
        await requester.SendAsync("{{text}}");
        await requester.SendAsync("100");
        return await requester.SendAsync("20s");
    }

    private async Task<long> ProjectAsync(AnswerKind kind, int tasks) =>
        await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Animals", "Pick one", kind, [], "{{text}}", 100, 3, TimeSpan.FromMinutes(5), await OwnerAsync()),
            Enumerable.Range(1, tasks).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"t{i}" })).ToList(),
            ProjectState.Active);

    private async Task<long> OwnerAsync() => (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
}

public sealed class EmbeddedOverlapSettingsTests() : OverlapSettingsTests("Embedded");

public sealed class PostgresOverlapSettingsTests() : OverlapSettingsTests("Postgres");
