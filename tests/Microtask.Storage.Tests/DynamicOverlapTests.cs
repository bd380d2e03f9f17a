using Dapper;
using Microtask.Core;

namespace Microtask.Storage.Tests;

/// <summary>
/// Dynamic overlap on both engines: a task starts at the project's minimum, wants one more answer each time its answers
/// reach what it wants without agreeing at the target, and never gets more than the maximum, however workers race.
/// </summary>
public abstract partial class DynamicOverlapTests(string kind) : BackendTest(kind)
{
    [Fact]
    public async Task A_task_whose_answers_agree_stops_at_the_minimum()
    {
        await ProjectAsync(AnswerKind.SingleChoice, tasks: 1);

        await AnswerAsync("positive", "positive");
        Assert.Null(await Backend.Assignments.ClaimAsync(await Backend.WorkerAsync(50)));
        Assert.Equal((2L, 2L, 5L), await TaskAsync());
    }

    [Fact]
    public async Task A_task_that_disagrees_wants_one_more_answer_at_a_time_up_to_the_maximum()
    {
        await ProjectAsync(AnswerKind.SingleChoice, tasks: 1);

        await AnswerAsync("positive", "negative");
        Assert.Equal((2L, 3L, 5L), await TaskAsync()); // 1 of 2 agree
        await AnswerAsync("positive");
        Assert.Equal((3L, 4L, 5L), await TaskAsync()); // 2 of 3 is below 90 %
        await AnswerAsync("negative");
        Assert.Equal((4L, 5L, 5L), await TaskAsync()); // 2 against 2
        await AnswerAsync("positive");
        Assert.Equal((5L, 5L, 5L), await TaskAsync()); // 3 of 5 is still below, but 5 is the most
        Assert.Null(await Backend.Assignments.ClaimAsync(await Backend.WorkerAsync(50)));
    }

    [Fact]
    public async Task A_task_stops_below_its_target_once_the_answers_it_may_still_get_cannot_change_its_answer()
    {
        await ProjectAsync(AnswerKind.SingleChoice, tasks: 2);

        // Depth first: the first task gets 3 against 1, the second 2 against 2, each at 4 answers of 5.
        await AnswerAsync("positive", "negative", "positive", "positive", "positive", "negative", "negative", "positive");

        // 75 % is below 90 %, and a fifth answer could not change "positive": the first task stops; the second cannot.
        Assert.Equal([(4L, 4L), (4L, 5L)], await QueryAsync<(long, long)>("SELECT answers, overlap FROM tasks ORDER BY id"));
        await AnswerAsync("negative");
        Assert.Equal([(4L, 4L), (5L, 5L)], await QueryAsync<(long, long)>("SELECT answers, overlap FROM tasks ORDER BY id"));
        Assert.Null(await Backend.Assignments.ClaimAsync(await Backend.WorkerAsync(50)));
    }

    [Fact]
    public async Task A_fixed_overlap_never_grows_and_gold_tasks_take_the_maximum()
    {
        await Backend.ProjectAsync(tasks: 1, overlap: 2); // fixed
        await Backend.Projects.CreateAsync(
            new NewProject("Gold", "x", AnswerKind.SingleChoice, ["positive", "negative"], "{{text}}", 0, 2, TimeSpan.FromMinutes(5), GoldPercent: 0)
            {
                OverlapMax = 5,
                OverlapTarget = 90,
            },
            [new NewTask(new Dictionary<string, string> { ["text"] = "g" }, "positive")],
            ProjectState.Active);

        await AnswerAsync("positive", "negative"); // the fixed task first, while it has room
        Assert.Equal([(2L, 2L, null), (0L, 5L, null)], await QueryAsync<(long, long, long?)>("SELECT answers, overlap, overlap_max FROM tasks ORDER BY id"));
    }

    [Theory]
    [InlineData(AnswerKind.FreeText, " Jakarta", "JAKARTA  ", true)] // compared as the results compare them
    [InlineData(AnswerKind.FreeText, "Jakarta", "Bandung", false)]
    [InlineData(AnswerKind.FreeText, "Ibu  Kota", "ibu kota", true)]
    [InlineData(AnswerKind.Number, "100", "104", true)] // within 5 % of the median, 102
    [InlineData(AnswerKind.Number, "100", "120", false)]
    [InlineData(AnswerKind.Number, "-1", "1", false)]
    [InlineData(AnswerKind.MultipleChoice, "[\"a\",\"b\"]", "[\"b\",\"a\"]", true)]
    [InlineData(AnswerKind.MultipleChoice, "[\"a\",\"b\"]", "[\"a\"]", false)] // option b splits them
    [InlineData(AnswerKind.MultipleChoice, "[]", "[]", true)]
    [InlineData(AnswerKind.YesNo, "yes", "no", false)]
    [InlineData(AnswerKind.Voice, "file-1", "file-2", true)] // voice notes are never compared: the minimum
    public async Task Each_kind_is_compared_as_its_aggregation_compares_it(AnswerKind answerKind, string first, string second, bool agree)
    {
        await ProjectAsync(answerKind, tasks: 1, options: answerKind == AnswerKind.MultipleChoice ? ["a", "b", "c"] : null);

        await AnswerAsync(first, second);

        Assert.Equal(agree ? 2L : 3L, (await TaskAsync()).Overlap);
    }

    [Fact]
    public async Task A_batch_is_complete_when_its_tasks_stop_at_the_minimum_and_not_while_one_still_wants_answers()
    {
        var (requester, project) = await BudgetedAsync(10_000);
        var batches = new BatchStore(Backend.Db, Backend.Time);
        var batch = await batches.AddPendingAsync(project, requester, "file", "b.csv", "sha", 2);
        Assert.Equal(
            ImportOutcome.Imported,
            await batches.ImportAsync(batch, requester, [Row("one"), Row("two")]));
        Assert.Equal([2L, 2L], await QueryAsync<long>("SELECT overlap FROM tasks ORDER BY id"));

        var filled = new List<long?>();
        foreach (var answer in new[] { "yes", "yes", "yes", "no" })
        {
            filled.Add(await AnswerOneAsync(answer));
        }

        // The first task stopped at 2 and said so; the second disagreed: its second answer filled nothing.
        Assert.Equal([null, batch, null, null], filled);
        Assert.Null(await batches.CompleteIfDoneAsync(batch));

        filled.Add(await AnswerOneAsync("no"));
        Assert.Equal(batch, filled[^1]); // 2 of 3 agree: below 90 %, but the maximum here is 3
        Assert.NotNull(await batches.CompleteIfDoneAsync(batch));
    }

    [Fact]
    public async Task Closing_returns_what_the_tasks_that_stopped_early_did_not_spend()
    {
        var (requester, project) = await BudgetedAsync(1_000, Row("one"), Row("two")); // 2–3 answers of 100 each: 600 at most

        await AnswerAsync("yes", "yes", "yes", "yes");

        Assert.Null(await Backend.Assignments.ClaimAsync(await Backend.WorkerAsync(50)));
        Assert.True(await Backend.Projects.ChangeStateAsync(project, requester, [ProjectState.Active], ProjectState.Closed));
        Assert.Equal(600L, await ScalarAsync($"SELECT SUM(amount) FROM ledger WHERE account = '{LedgerAccounts.Requester(requester)}'"));
        Assert.Equal(0L, await ScalarAsync($"SELECT SUM(amount) FROM ledger WHERE account = '{LedgerAccounts.Project(project)}'"));
        Assert.Equal(0L, await ScalarAsync("SELECT SUM(amount) FROM ledger"));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM (SELECT answer_id FROM ledger WHERE answer_id IS NOT NULL GROUP BY answer_id HAVING SUM(amount) <> 0 OR COUNT(*) <> 2) x"));
    }

    [Fact]
    public async Task Racing_workers_never_give_a_task_more_than_its_maximum()
    {
        // Answers that never agree: every task grows to its maximum under a crowd racing for it, double taps included.
        await ProjectAsync(AnswerKind.FreeText, tasks: 3);
        var given = 0;
        var workers = new List<long>();
        for (var i = 1; i <= 40; i++)
        {
            workers.Add(await Backend.WorkerAsync(i));
        }

        // A worker leaves when nothing is open to them; a slot an answer opens after that waits for the next round.
        for (var before = -1; before != given;)
        {
            before = given;
            await RoundAsync();
        }

        Assert.Equal(15, given);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM (SELECT task_id FROM answers GROUP BY task_id HAVING COUNT(*) > 5) x"));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM tasks WHERE answers <> 5 OR overlap <> 5 OR leases <> 0"));

        Task RoundAsync() => Task.WhenAll(workers.Select(w => Task.Run(async () =>
        {
            while (await Backend.Assignments.ClaimAsync(w) is { } claimed)
            {
                var answer = $"answer {w}";
                var both = await Task.WhenAll(
                    Task.Run(() => Backend.Answers.SubmitAsync(claimed.Assignment.Id, w, answer)),
                    Task.Run(() => Backend.Answers.SubmitAsync(claimed.Assignment.Id, w, answer)));
                Assert.Equal([SubmitOutcome.Accepted, SubmitOutcome.AlreadyAnswered], both.Select(r => r.Outcome).Order());
                Interlocked.Increment(ref given);
            }
        })));
    }

    [Fact]
    public async Task An_answer_left_out_of_the_results_neither_counts_in_the_agreement_nor_against_the_maximum()
    {
        var project = await ProjectAsync(AnswerKind.SingleChoice, tasks: 1, max: 4);
        await AnswerAsync("negative", "positive");
        Assert.Equal((2L, 3L, 4L), await TaskAsync());

        var clicker = await ScalarAsync("SELECT worker_id FROM answers WHERE value = 'negative'");
        var bans = new BanStore(Backend.Db, Backend.Time);
        await bans.BanAsync(clicker, project, BanStore.Permanent, "random clicks", await Backend.WorkerAsync(999));
        Assert.Equal(1, await new ReopenedSlotStore(Backend.Db, Backend.Time).ReopenAsync(clicker, project));
        Assert.Equal((2L, 4L, 5L), await TaskAsync());

        // Counted, the left-out answer would make 3 of 4 (below 90 %); without it the 3 kept answers agree.
        await AnswerAsync("positive", "positive");
        Assert.Equal((4L, 4L, 5L), await TaskAsync());
        Assert.Null(await Backend.Assignments.ClaimAsync(await Backend.WorkerAsync(50)));
    }

    [Fact]
    public async Task A_slot_offered_again_counts_as_collected_again_though_the_task_grew_after_it()
    {
        var project = await ProjectAsync(AnswerKind.SingleChoice, tasks: 1);
        await AnswerAsync("negative", "positive");
        var clicker = await ScalarAsync("SELECT worker_id FROM answers WHERE value = 'negative'");
        var slots = new ReopenedSlotStore(Backend.Db, Backend.Time);
        await new BanStore(Backend.Db, Backend.Time).BanAsync(clicker, project, BanStore.Permanent, "random clicks", await Backend.WorkerAsync(999));
        Assert.Equal(1, await slots.ReopenAsync(clicker, project));
        Assert.Equal((2L, 4L, 6L), await TaskAsync());
        Assert.Equal(new Exclusions(1, 1, 0), await slots.ForProjectAsync(project, leftOut: true));

        // The fourth answer fills the slot; the counted three (positive, negative, negative) disagree, so the task grows.
        await AnswerAsync("negative", "negative");
        Assert.Equal((4L, 5L, 6L), await TaskAsync());
        Assert.Equal(new Exclusions(1, 1, 1), await slots.ForProjectAsync(project, leftOut: true));
    }

    [Fact]
    public async Task A_new_overlap_applies_to_the_tasks_not_done_and_judges_those_that_now_have_their_minimum()
    {
        var (requester, project) = await BudgetedAsync(10_000, Row("split"), Row("agreed"), Row("fresh"));
        var overlaps = new OverlapStore(Backend.Db);
        Assert.True(await overlaps.SetAsync(project, requester, OverlapRule.Fixed(3)));
        await AnswerAsync("yes", "yes", "no", "yes", "yes"); // depth first: three on the first task, two on the second

        Assert.True(await overlaps.SetAsync(project, requester, new OverlapRule(2, 4, 90)));
        // The split task has 3 answers, 2 of them agreeing: it wants a fourth; the agreed one stops at 2.
        Assert.Equal([(3L, 4L, 4L), (2L, 2L, 4L), (0L, 2L, 4L)], await QueryAsync<(long, long, long)>("SELECT answers, overlap, overlap_max FROM tasks ORDER BY id"));
        Assert.Equal(1L, await ScalarAsync($"SELECT COUNT(*) FROM projects WHERE overlap = 2 AND overlap_max = 4 AND overlap_target = 90"));

        Assert.True(await overlaps.SetAsync(project, requester, OverlapRule.Fixed(3)));
        Assert.Equal([(3L, 3L, 0L), (2L, 3L, 0L), (0L, 3L, 0L)], await QueryAsync<(long, long, long)>("SELECT answers, overlap, COALESCE(overlap_max, 0) FROM tasks ORDER BY id"));
        Assert.False(await overlaps.SetAsync(project, await Backend.WorkerAsync(7), OverlapRule.Fixed(2))); // not theirs
    }

    private int nextWorker = 100;

    private static NewTask Row(string text) => new(new Dictionary<string, string> { ["text"] = text });

    private Task<long> ProjectAsync(AnswerKind answerKind, int tasks, int max = 5, int target = 90, IReadOnlyList<string>? options = null) =>
        Backend.Projects.CreateAsync(
            new NewProject("Dynamic", "x", answerKind, options ?? (answerKind == AnswerKind.SingleChoice ? ["positive", "negative"] : []), "{{text}}", 0, 2, TimeSpan.FromMinutes(5))
            {
                OverlapMax = max,
                OverlapTarget = target,
            },
            Enumerable.Range(1, tasks).Select(i => Row($"t{i}")).ToList(),
            ProjectState.Active);

    /// <summary>A requester's active yes/no project, 2–3 until 90 %, reward 100.</summary>
    private async Task<(long Requester, long Project)> BudgetedAsync(long budget, params NewTask[] tasks)
    {
        var requester = await Backend.WorkerAsync(999);
        await new LedgerStore(Backend.Db, Backend.Time).TopupAsync(requester, budget);
        var id = await Backend.Projects.CreateAsync(
            new NewProject("Budgeted", "x", AnswerKind.YesNo, [], "{{text}}", 100, 2, TimeSpan.FromMinutes(5), requester, Budget: budget) { OverlapMax = 3, OverlapTarget = 90 },
            tasks,
            ProjectState.Active);
        return (requester, id);
    }

    /// <summary>Each answer by a new worker, on whatever task the claim gives.</summary>
    private async Task AnswerAsync(params string[] answers)
    {
        foreach (var answer in answers)
        {
            await AnswerOneAsync(answer);
        }
    }

    /// <summary>One answer by a new worker; the batch it filled, if any. Fails when nothing is offered.</summary>
    private async Task<long?> AnswerOneAsync(string answer)
    {
        var worker = await Backend.WorkerAsync(nextWorker++);
        var claimed = await Backend.Assignments.ClaimAsync(worker);
        Assert.NotNull(claimed);
        var result = await Backend.Answers.SubmitAsync(claimed.Assignment.Id, worker, answer);
        Assert.Equal(SubmitOutcome.Accepted, result.Outcome);
        return result.FilledBatchId;
    }

    /// <summary>The first ordinary task's answers, overlap and maximum.</summary>
    private async Task<(long Answers, long Overlap, long Max)> TaskAsync() =>
        (await QueryAsync<(long, long, long)>("SELECT answers, overlap, overlap_max FROM tasks WHERE gold_answer IS NULL ORDER BY id LIMIT 1"))[0];

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        return [.. await c.QueryAsync<T>(sql)];
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>(sql);
    }
}

public sealed class SqliteDynamicOverlapTests() : DynamicOverlapTests("Sqlite");

public sealed class PostgresDynamicOverlapTests() : DynamicOverlapTests("Postgres");
