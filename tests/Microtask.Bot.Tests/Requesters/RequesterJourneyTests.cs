using System.Text;
using Microtask.Sandbox;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>
/// A requester's whole way through the chat: /newproject (with wrong answers re-asked), the preview and Activate,
/// a batch uploaded as a reply to the project's message, workers answering, the budget running out, the batch
/// completing, results, and closing with the unused budget returned.
/// </summary>
public abstract class RequesterJourneyTests(string backend) : BotTest(backend, Settings)
{
    private const long RequesterId = 100001;
    /// <summary>What an admin topped the requester's account up with: budgets must be covered by it.</summary>
    private const long Funds = 6_000;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Microtask:Requesters:0"] = RequesterId.ToString(),
        ["Microtask:Notices:BudgetLowAnswers"] = "3",
    };

    private Player requester = null!;

    protected override async Task StartedAsync()
    {
        requester = await Bot.WorkerAsync("Rini", "en");
        Assert.Equal(RequesterId, requester.Id);
        await Bot.Get<LedgerStore>().TopupAsync(await OwnerAsync(), Funds);
    }

    [Fact]
    public async Task A_project_is_made_in_the_chat_previewed_activated_filled_and_its_budget_spent_once()
    {
        var (summary, projectId) = await CreateAsync(reward: "100", budget: "1.000", dailyCap: "none");

        // Budget 1,000 at 100 a answer pays for 10 answers: 4 tasks × overlap 3 would want 12.
        Assert.Contains("Budget Rp 1,000: pays for 10 answers (3 tasks at overlap 3)", summary.PlainText);
        Assert.Equal(Funds - 1000, await Bot.ScalarAsync($"SELECT SUM(amount) FROM ledger WHERE account = 'requester:{await OwnerAsync()}'"));
        Assert.Equal("Draft", await StateAsync(projectId));

        var activated = await requester.PressAsync(summary, summary.Keyboard[0][0].CallbackData!);
        Assert.Contains($"Project #{projectId} is active", activated.PlainText);
        Assert.Empty(requester.Message(summary.MessageId).Keyboard);

        // The file goes in as a reply to the project's message: no caption needed.
        var report = await UploadAsync("reviews.csv", "text\ngreat food\nawful service\nfine\nok I guess\n", replyTo: activated.MessageId);
        Assert.Contains($"for project #{projectId}", report.PlainText);
        Assert.Contains("Rows accepted: 4", report.PlainText);
        await requester.PressAsync(report, report.Keyboard[0][0].CallbackData!);
        Assert.Equal(4, await Bot.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE project_id = {projectId}"));

        var workers = new List<Player>();
        for (var i = 0; i < 4; i++)
        {
            workers.Add(await Bot.WorkerAsync($"W{i}"));
        }

        // Workers take turns until nothing is offered; answers are paid from the budget until it cannot pay another.
        var answered = 0;
        foreach (var worker in workers)
        {
            var task = await worker.SendAsync("/task");
            while (task.Keyboard.Count > 1)
            {
                task = await worker.AnswerAsync(task, option: 0);
                answered++;
            }
        }

        Assert.Equal(10, answered);
        Assert.Equal(10, await Bot.ScalarAsync($"SELECT COUNT(*) FROM answers WHERE project_id = {projectId}"));
        Assert.Equal("Paused", await StateAsync(projectId));
        var spent = requester.BotMessages().Where(m => m.PlainText.Contains("has spent its budget")).ToList();
        Assert.Single(spent);
        Assert.Contains($"Project #{projectId} Reviews has spent its budget: Rp 0 left", spent[0].PlainText);
        var low = Assert.Single(requester.BotMessages(), m => m.PlainText.Contains("running low"));
        Assert.Contains("Rp 200 left, enough for 2 more answers", low.PlainText);

        // Money: the project's account is its budget column, the whole ledger sums to zero.
        Assert.Equal(0, await Bot.ScalarAsync($"SELECT budget FROM projects WHERE id = {projectId}"));
        Assert.Equal(0, await Bot.ScalarAsync($"SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE account = 'project:{projectId}'"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(amount) FROM ledger"));
        Assert.Equal(1000, await Bot.ScalarAsync("SELECT SUM(balance) FROM workers"));

        Assert.Contains("cannot resume: its budget (Rp 0) cannot pay for another answer (Rp 100)", (await requester.SendAsync($"/resume {projectId}")).PlainText);
        Assert.Contains("closed for good", (await requester.SendAsync($"/close {projectId}")).PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(amount) FROM ledger"));
    }

    [Fact]
    public async Task A_completed_batch_is_announced_once_results_aggregate_it_and_closing_returns_the_rest()
    {
        var (summary, projectId) = await CreateAsync(reward: "100", budget: "5000", dailyCap: "1");
        await requester.PressAsync(summary, summary.Keyboard[0][0].CallbackData!);
        var report = await UploadAsync("two.jsonl", "{\"text\": \"great food\"}\n{\"text\": \"awful\"}\n", replyTo: summary.MessageId);
        await requester.PressAsync(report, report.Keyboard[0][0].CallbackData!);

        // Six workers, one answer each (the daily cap is 1), depth first: "good", "good", "bad" on the first task,
        // "bad" three times on the second.
        int[] picks = [0, 0, 2, 2, 2, 2];
        foreach (var (option, i) in picks.Select((o, i) => (o, i)))
        {
            var worker = await Bot.WorkerAsync($"Crowd{i}");
            var next = await worker.AnswerAsync(await worker.SendAsync("/task"), option);
            Assert.Contains("no tasks", next.PlainText);
        }

        var done = requester.BotMessages().Where(m => m.PlainText.Contains("is complete")).ToList();
        Assert.Single(done);
        Assert.Contains($"Batch two.jsonl of project #{projectId} is complete: all 2 tasks have their answers.", done[0].PlainText);

        var sent = await requester.SendAsync($"/results {projectId}");
        var csv = Encoding.UTF8.GetString(Bot.Emulator.DownloadDocument(requester.Id, sent.MessageId)!).TrimStart('\uFEFF');
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("task_id,text,answer,confidence,agreement,answers,method,tie,raw_answers", rows[0]);
        Assert.Contains(",great food,good,", rows[1]);
        Assert.Contains(",awful,bad,", rows[2]);
        Assert.Contains(",3,dawid-skene,", rows[2]);

        // 6 answers × 100 were paid; closing gives back the other 4,400.
        var closed = await requester.SendAsync($"/close {projectId}");
        Assert.Contains("Rp 4,400 of unused budget went back to you", closed.PlainText);
        Assert.Equal(Funds - 600, await Bot.ScalarAsync($"SELECT SUM(amount) FROM ledger WHERE account = 'requester:{await OwnerAsync()}'"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(amount) FROM ledger"));
    }

    [Fact]
    public async Task A_budget_the_requesters_account_cannot_cover_is_re_asked_and_nothing_is_created()
    {
        await requester.SendAsync("/newproject");
        foreach (var answer in new[] { "Reviews", "Good?", "1", "good\nbad", "{{text}}", "100", "20s", "3", "5m", "none", "default" })
        {
            await requester.SendAsync(answer);
        }

        Assert.Contains("Your requester account holds Rp 6,000.", requester.Last().PlainText);
        var before = requester.BotMessages().Count;
        var refused = await requester.SendAsync("7000");
        Assert.Contains("Your requester account holds Rp 6,000, less than this budget. Ask an admin to /topup", refused.PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM projects"));
        // The account is checked before the preview: no task is shown for a project that is not made.
        Assert.Equal(before + 1, requester.BotMessages().Count);

        await requester.SendAsync("6000");
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM projects"));
        Assert.Equal(0, await Bot.ScalarAsync($"SELECT SUM(amount) FROM ledger WHERE account = 'requester:{await OwnerAsync()}'"));
    }

    [Fact]
    public async Task Wrong_answers_are_re_asked_with_a_hint_and_cancel_creates_nothing()
    {
        await requester.SendAsync("/newproject");
        Assert.Contains("title", (await requester.SendAsync(new string('x', 101))).PlainText);
        await requester.SendAsync("Cats");
        await requester.SendAsync("Say what you see");
        Assert.Contains("number from 1 to 9", (await requester.SendAsync("maybe")).PlainText);
        await requester.SendAsync("1");
        Assert.Contains("2 to 10 different choices", (await requester.SendAsync("only one")).PlainText);
        await requester.SendAsync("cat, dog");
        Assert.Contains("at least one {{field}}", (await requester.SendAsync("no placeholders")).PlainText);
        Assert.Contains("<script> is not a tag Telegram allows", (await requester.SendAsync("<script>x</script>{{text}}")).PlainText);
        Assert.Contains("<b> is never closed", (await requester.SendAsync("<b>{{text}}")).PlainText);
        await requester.SendAsync("<b>{{text}}</b>");
        Assert.Contains("whole number from 0", (await requester.SendAsync("-5")).PlainText);
        await requester.SendAsync("50");
        Assert.Contains("a bare number is seconds", (await requester.SendAsync("soon")).PlainText);
        Assert.Contains("from 1 second to 24 hours", (await requester.SendAsync("0s")).PlainText);
        await requester.SendAsync("3m");
        Assert.Contains("from 1 to 20", (await requester.SendAsync("21")).PlainText);
        await requester.SendAsync("3");
        Assert.Contains("between 30 seconds and 24 hours", (await requester.SendAsync("10s")).PlainText);
        // A time limit shorter than the task's own time would expire every careful worker's lease.
        Assert.Contains("A task takes about 3 min, so the time limit must be at least that", (await requester.SendAsync("2m")).PlainText);
        await requester.SendAsync("5m");

        Assert.Equal("Cancelled; nothing was created.", (await requester.SendAsync("/cancel")).PlainText);
        Assert.Equal("There is nothing to cancel.", (await requester.SendAsync("/cancel")).PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM projects"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM conversations"));

        var worker = await Bot.WorkerAsync("Wira");
        Assert.Equal("I don't know that command. /help lists what I can do.", (await worker.SendAsync("/newproject")).PlainText);
    }

    [Fact]
    public async Task The_preview_renders_fields_as_text_and_its_buttons_answer_nothing()
    {
        await requester.SendAsync("/newproject");
        await requester.SendAsync("Look <here>");
        await requester.SendAsync("Decide & answer");
        var kinds = requester.Last();
        await requester.PressAsync(kinds, kinds.Keyboard[0][1].CallbackData!); // yes / no
        Assert.Contains("task template", requester.Last().PlainText);
        // A second press of the old keyboard is stale.
        await requester.PressAsync(kinds, kinds.Keyboard[0][0].CallbackData!);
        Assert.Equal("That question was already answered.", requester.LastToast());
        foreach (var answer in new[] { "<i>{{caption}}</i> &amp; {{url}}", "0", "20s", "1", "90s", "5" })
        {
            await requester.SendAsync(answer);
        }

        // The quality rules: shown with their defaults, a wrong item re-asked and named, then taken with the button.
        var rules = requester.Last();
        Assert.Contains("10/11 · Quality rules", rules.PlainText);
        Assert.Contains("suspend below 60% gold accuracy after 8 gold answers", rules.PlainText);
        Assert.Contains("I could not read gold 20%, accuracy 120%.", (await requester.SendAsync("gold 20%, accuracy 120%")).PlainText);
        Assert.Contains("I could not read speed 3.", (await requester.SendAsync("speed 3")).PlainText);
        Assert.Contains("I could not read yang bagus saja.", (await requester.SendAsync("yang bagus saja")).PlainText);
        await requester.PressAsync(rules, rules.Keyboard[0][0].CallbackData!);
        Assert.Contains("11/11 · Budget", requester.Last().PlainText);
        await requester.PressAsync(rules, rules.Keyboard[0][0].CallbackData!);
        Assert.Equal("That question was already answered.", requester.LastToast());
        await requester.SendAsync("0");

        var messages = requester.BotMessages();
        var preview = messages[^2];
        Assert.Contains("Look <here>", preview.PlainText);
        Assert.Contains("«caption» & «url»", preview.PlainText);
        Assert.Equal(["Yes", "No"], preview.Keyboard[0].Select(b => b.Text));
        await requester.PressAsync(preview, preview.Keyboard[0][0].CallbackData!);
        Assert.Equal("This is a preview: for a worker, this button answers the task.", requester.LastToast());
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
        Assert.Contains("90 s per task · daily cap 5", messages[^1].PlainText);
        Assert.Contains("• gold tasks: 10% of the tasks shown\n• suspend below 60% gold accuracy after 8 gold answers\n• no speed check", messages[^1].PlainText);
        Assert.Contains("columns caption, url", messages[^1].PlainText);
    }

    /// <summary>Goes through /newproject for a single-choice review project; returns the summary under the preview.</summary>
    private async Task<(ChatMessage Summary, long ProjectId)> CreateAsync(string reward, string budget, string dailyCap)
    {
        var first = await requester.SendAsync("/newproject");
        Assert.Contains("1/11", first.PlainText);
        foreach (var answer in new[] { "Reviews", "Is the review good, neutral or bad?", "1", "good\nneutral\nbad", "<b>Review:</b> {{text}}", reward, "20s", "3", "5m", dailyCap, "default", budget })
        {
            await requester.SendAsync(answer);
        }

        var summary = requester.Last();
        var projectId = await Bot.ScalarAsync("SELECT MAX(id) FROM projects");
        Assert.Contains($"a task of project #{projectId} exactly as workers will see it", summary.PlainText);
        Assert.Equal("▶️ Activate", summary.Keyboard[0][0].Text);
        var preview = requester.BotMessages()[^2];
        Assert.Contains("Review: «text»", preview.PlainText);
        Assert.Equal(["good", "neutral", "bad"], preview.Keyboard[0].Select(b => b.Text));
        return (summary, projectId);
    }

    private async Task<long> OwnerAsync() => (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;

    private async Task<string> StateAsync(long projectId)
    {
        await using var c = await Bot.Get<IDatabase>().OpenAsync(CancellationToken.None);
        return (await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, $"SELECT state FROM projects WHERE id = {projectId}"))!;
    }

    private async Task<ChatMessage> UploadAsync(string name, string content, long replyTo)
    {
        var update = Bot.Emulator.SendDocument(requester.Id, name, Encoding.UTF8.GetBytes(content), replyToMessageId: replyTo);
        await Bot.Emulator.WaitUntilConfirmedAsync(update, TimeSpan.FromSeconds(15));
        return requester.Last();
    }
}

public sealed class EmbeddedRequesterJourneyTests() : RequesterJourneyTests("Embedded");

public sealed class PostgresRequesterJourneyTests() : RequesterJourneyTests("Postgres");
