using Dapper;
using Microtask.Core;

namespace Microtask.Storage.Tests;

/// <summary>The assignment protocol's contract, run on both backends so neither drifts.</summary>
public abstract partial class AssignmentProtocolTests(string kind) : BackendTest(kind)
{
    [Fact]
    public async Task Claim_leases_a_task_and_submit_stores_the_answer_once()
    {
        await Backend.ProjectAsync(tasks: 2);
        var worker = await Backend.WorkerAsync(1);

        var claimed = await Backend.Assignments.ClaimAsync(worker);
        Assert.NotNull(claimed);
        Assert.Equal("<b>review 1</b>", TaskTemplate.Render(claimed.Project.Template, claimed.Task.Fields));

        var first = await Backend.Answers.SubmitAsync(claimed.Assignment.Id, worker, "positive");
        var again = await Backend.Answers.SubmitAsync(claimed.Assignment.Id, worker, "negative");

        Assert.Equal(SubmitOutcome.Accepted, first.Outcome);
        Assert.Equal(SubmitOutcome.AlreadyAnswered, again.Outcome);
        Assert.Equal(1L, await Scalar("SELECT COUNT(*) FROM answers"));
        Assert.Equal("positive", await Scalar<string>("SELECT value FROM answers"));
    }

    [Fact]
    public async Task A_worker_keeps_one_live_task_and_claiming_again_returns_it()
    {
        await Backend.ProjectAsync(tasks: 3);
        var worker = await Backend.WorkerAsync(1);

        var first = await Backend.Assignments.ClaimAsync(worker);
        var second = await Backend.Assignments.ClaimAsync(worker);

        Assert.Equal(first!.Assignment.Id, second!.Assignment.Id);
        Assert.Equal(1L, await Scalar("SELECT COUNT(*) FROM assignments"));
    }

    [Fact]
    public async Task A_lease_that_ran_out_unswept_is_ended_by_the_workers_next_claim()
    {
        await Backend.ProjectAsync(tasks: 2, overlap: 1, timeLimit: TimeSpan.FromMinutes(2));
        var worker = await Backend.WorkerAsync(1);
        var first = await Backend.Assignments.ClaimAsync(worker);

        Backend.Time.Advance(TimeSpan.FromMinutes(3)); // no sweep in between: the claim itself must end the old lease
        var next = await Backend.Assignments.ClaimAsync(worker);

        Assert.NotNull(next);
        Assert.NotEqual(first!.Assignment.Id, next.Assignment.Id);
        Assert.Equal("expired", await Scalar<string>($"SELECT state FROM assignments WHERE id = {first.Assignment.Id}"));
        Assert.Equal(1L, await Scalar("SELECT COUNT(*) FROM assignments WHERE state = 'active'"));
        Assert.Equal(1L, await Scalar("SELECT SUM(leases) FROM tasks"));
    }

    [Fact]
    public async Task A_worker_with_nothing_open_to_them_gets_no_task_and_holds_no_lease()
    {
        await Backend.ProjectAsync(tasks: 1, overlap: 1);
        var first = await Backend.WorkerAsync(1);
        var second = await Backend.WorkerAsync(2);
        var claimed = await Backend.Assignments.ClaimAsync(first);
        await Backend.Answers.SubmitAsync(claimed!.Assignment.Id, first, "positive");

        Assert.Null(await Backend.Assignments.ClaimAsync(first));
        Assert.Null(await Backend.Assignments.ClaimAsync(second));
        Assert.Equal(0L, await Scalar("SELECT COUNT(*) FROM assignments WHERE state = 'active'"));
    }

    [Fact]
    public async Task A_worker_is_read_with_their_day_settings()
    {
        var worker = await Backend.WorkerAsync(1);
        Assert.Equal(new WorkerDaySettings(null, null, null), (await Backend.Workers.FindAsync(1))!.Day);

        await Backend.Workers.SetDailyLimitAsync(worker, 40);
        await Backend.Workers.SetTimeZoneAsync(worker, "Asia/Jakarta");
        await Backend.Workers.SetReminderAsync(worker, 9 * 60);

        var expected = new WorkerDaySettings(40, "Asia/Jakarta", 9 * 60);
        Assert.Equal(expected, (await Backend.Workers.FindAsync(1))!.Day);
        Assert.Equal(expected, (await Backend.Workers.GetAsync(worker))!.Day);
        Assert.Equal(expected, await Backend.Workers.DaySettingsAsync(worker));
    }

    [Fact]
    public async Task Another_workers_assignment_is_refused_and_changes_nothing()
    {
        await Backend.ProjectAsync(tasks: 1);
        var owner = await Backend.WorkerAsync(1);
        var thief = await Backend.WorkerAsync(2);
        var claimed = await Backend.Assignments.ClaimAsync(owner);

        var result = await Backend.Answers.SubmitAsync(claimed!.Assignment.Id, thief, "positive");

        Assert.Equal(SubmitOutcome.NotYours, result.Outcome);
        Assert.Equal(0L, await Scalar("SELECT COUNT(*) FROM answers"));
        Assert.Equal(SubmitOutcome.NotFound, (await Backend.Answers.SubmitAsync(999_999, owner, "positive")).Outcome);
    }

    [Fact]
    public async Task Late_answer_is_refused_after_the_lease_expires_and_the_slot_returns()
    {
        await Backend.ProjectAsync(tasks: 1, overlap: 1, timeLimit: TimeSpan.FromMinutes(2));
        var slow = await Backend.WorkerAsync(1);
        var other = await Backend.WorkerAsync(2);
        var claimed = await Backend.Assignments.ClaimAsync(slow);
        Assert.Null(await Backend.Assignments.ClaimAsync(other));

        Backend.Time.Advance(TimeSpan.FromMinutes(2));
        var expired = await Backend.Assignments.ExpireDueAsync();
        var late = await Backend.Answers.SubmitAsync(claimed!.Assignment.Id, slow, "positive");

        Assert.Equal([(claimed.Assignment.Id, 1L, "en")], expired.Select(e => (e.Assignment.Id, e.ChatId, e.Language)));
        Assert.Equal(SubmitOutcome.Expired, late.Outcome);
        Assert.NotNull(await Backend.Assignments.ClaimAsync(other));
    }

    [Fact]
    public async Task Skipped_task_is_not_offered_to_the_same_worker_again()
    {
        await Backend.ProjectAsync(tasks: 2);
        var worker = await Backend.WorkerAsync(1);
        var first = await Backend.Assignments.ClaimAsync(worker);

        Assert.True(await Backend.Assignments.ReleaseAsync(first!.Assignment.Id, worker, AssignmentState.Skipped));
        Assert.False(await Backend.Assignments.ReleaseAsync(first.Assignment.Id, worker, AssignmentState.Skipped));
        var second = await Backend.Assignments.ClaimAsync(worker);

        Assert.NotEqual(first.Task.Id, second!.Task.Id);
    }

    [Fact]
    public async Task Claims_prefer_finishing_started_tasks()
    {
        await Backend.ProjectAsync(tasks: 5, overlap: 3);
        var a = await Backend.WorkerAsync(1);
        var first = await Backend.Assignments.ClaimAsync(a);
        await Backend.Answers.SubmitAsync(first!.Assignment.Id, a, "positive");

        var next = await Backend.Assignments.ClaimAsync(await Backend.WorkerAsync(2));

        Assert.Equal(first.Task.Id, next!.Task.Id);
    }

    /// <summary>
    /// PostgreSQL commits the answer as one statement and scores a gold answer in a transaction of its own right after;
    /// the result the worker is shown is the stored score, and a repeat neither stores nor scores it again.
    /// </summary>
    [Fact]
    public async Task A_gold_answer_is_scored_once_and_the_result_is_the_stored_score()
    {
        await Backend.ProjectAsync(tasks: 2, overlap: 1, reward: 250, goldEvery: "negative", goldPercent: 100);
        var worker = await Backend.WorkerAsync(1);
        var gold = await Backend.Assignments.ClaimAsync(worker);
        var result = await Backend.Answers.SubmitAsync(gold!.Assignment.Id, worker, "negative");
        var again = await Backend.Answers.SubmitAsync(gold.Assignment.Id, worker, "negative");

        Assert.Equal(SubmitOutcome.Accepted, result.Outcome);
        Assert.True(result.GoldCorrect);
        Assert.Null(result.NotScored);
        Assert.NotEqual(SubmitOutcome.Accepted, again.Outcome);
        Assert.Equal(1L, await Scalar("SELECT COUNT(*) FROM answers WHERE gold_correct IS NOT NULL"));
        Assert.Equal(1L, await Scalar("SELECT gold_correct FROM workers"));
        Assert.Equal(0L, await Scalar("SELECT COALESCE(SUM(amount), 0) FROM ledger"));
    }

    [Fact]
    public async Task Gold_answers_are_scored_and_rewards_keep_the_ledger_at_zero()
    {
        await Backend.ProjectAsync(tasks: 2, overlap: 1, reward: 250, goldEvery: "negative", goldPercent: 100);
        var worker = await Backend.WorkerAsync(1);
        var gold = await Backend.Assignments.ClaimAsync(worker);
        var result = await Backend.Answers.SubmitAsync(gold!.Assignment.Id, worker, "positive");
        var plain = await Backend.Assignments.ClaimAsync(worker);
        await Backend.Answers.SubmitAsync(plain!.Assignment.Id, worker, "positive");

        Assert.False(result.GoldCorrect);
        var stats = await Backend.Workers.StatsAsync(1, Backend.Time.GetUtcNow().AddHours(-1));
        Assert.Equal((500L, 1, 0, 2), (stats!.Worker.Balance, stats.Worker.GoldTotal, stats.Worker.GoldCorrect, stats.AnsweredToday));
        Assert.Equal(0L, await Scalar("SELECT COALESCE(SUM(amount), 0) FROM ledger"));
        Assert.Equal(500L, await Scalar("SELECT SUM(amount) FROM ledger WHERE account = @account", new { account = LedgerAccounts.Worker(worker) }));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(100, true)]
    public async Task Gold_tasks_are_mixed_in_at_the_projects_rate_and_never_shown_twice(int goldPercent, bool goldFirst)
    {
        await Backend.ProjectAsync(tasks: 2, overlap: 1, goldEvery: "negative", goldPercent: goldPercent);
        var worker = await Backend.WorkerAsync(1);

        var first = await Backend.Assignments.ClaimAsync(worker);
        await Backend.Answers.SubmitAsync(first!.Assignment.Id, worker, "positive");
        var second = await Backend.Assignments.ClaimAsync(worker);
        await Backend.Answers.SubmitAsync(second!.Assignment.Id, worker, "positive");

        Assert.Equal(goldFirst, first.Task.IsGold);
        Assert.NotEqual(first.Task.IsGold, second.Task.IsGold);
        Assert.Null(await Backend.Assignments.ClaimAsync(worker));
    }

    [Fact]
    public async Task Racing_workers_fill_every_task_exactly_to_its_overlap()
    {
        await Backend.ProjectAsync(tasks: 20, overlap: 3);
        var workers = new List<long>();
        for (var i = 1; i <= 50; i++)
        {
            workers.Add(await Backend.WorkerAsync(i));
        }

        await Task.WhenAll(workers.Select(w => Task.Run(async () =>
        {
            while (await Backend.Assignments.ClaimAsync(w) is { } claimed)
            {
                // A double tap: two submits of one assignment at once; exactly one is saved.
                var both = await Task.WhenAll(
                    Task.Run(() => Backend.Answers.SubmitAsync(claimed.Assignment.Id, w, "positive")),
                    Task.Run(() => Backend.Answers.SubmitAsync(claimed.Assignment.Id, w, "negative")));
                Assert.Equal([SubmitOutcome.Accepted, SubmitOutcome.AlreadyAnswered], both.Select(r => r.Outcome).Order());
            }
        })));

        Assert.Equal(60L, await Scalar("SELECT COUNT(*) FROM answers"));
        Assert.Equal(0L, await Scalar("SELECT COUNT(*) FROM (SELECT task_id FROM answers GROUP BY task_id HAVING COUNT(*) > 3) x"));
        Assert.Equal(0L, await Scalar("SELECT COUNT(*) FROM (SELECT task_id, worker_id FROM answers GROUP BY task_id, worker_id HAVING COUNT(*) > 1) x"));
        Assert.Equal(0L, await Scalar("SELECT COUNT(*) FROM tasks WHERE answers <> 3 OR leases <> 0"));
    }

    [Fact]
    public async Task Racing_workers_spend_a_budget_once_the_project_pauses_once_and_the_ledger_holds()
    {
        // 7 answers' worth of budget for 60 wanted: the claim stops offering once it cannot pay, and the answer that
        // leaves less than one reward pauses the project, exactly once however the workers race.
        var (requester, id) = await Backend.BudgetedProjectAsync(750, tasks: 20);
        var ranOut = 0;
        await Task.WhenAll(Enumerable.Range(1, 30).Select(i => Task.Run(async () =>
        {
            var w = await Backend.WorkerAsync(i);
            while (await Backend.Assignments.ClaimAsync(w) is { } claimed)
            {
                if ((await Backend.Answers.SubmitAsync(claimed.Assignment.Id, w, "yes")).BudgetRanOut)
                {
                    Interlocked.Increment(ref ranOut);
                }
            }
        })));

        var answers = await Scalar("SELECT COUNT(*) FROM answers");
        var budget = await Scalar("SELECT budget FROM projects WHERE id = @id", new { id });
        Assert.Equal(1, ranOut);
        Assert.Equal("Paused", await Scalar<string>("SELECT state FROM projects WHERE id = @id", new { id }));
        // Every answer was paid; answers in flight when the budget ran out may take it below zero, never further
        // than the workers who held a lease then (here 30).
        Assert.InRange(answers, 7, 7 + 30);
        Assert.Equal(750 - (answers * 100), budget);
        Assert.Equal(budget, await Scalar("SELECT SUM(amount) FROM ledger WHERE account = @account", new { account = LedgerAccounts.Project(id) }));
        Assert.Equal(answers * 100, await Scalar("SELECT SUM(balance) FROM workers"));
        Assert.Equal(0L, await Scalar("SELECT SUM(amount) FROM ledger"));

        // Closing squares the project's account with the requester's.
        Assert.True(await Backend.Projects.ChangeStateAsync(id, requester, [ProjectState.Paused], ProjectState.Closed));
        Assert.Equal(0L, await Scalar("SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE account = @account", new { account = LedgerAccounts.Project(id) }));
        Assert.Equal(750 - (answers * 100), await Scalar("SELECT SUM(amount) FROM ledger WHERE account = @account", new { account = LedgerAccounts.Requester(requester) }));
    }

    [Fact]
    public async Task Closing_ends_the_projects_live_leases_so_no_answer_is_paid_from_a_returned_budget()
    {
        var (requester, id) = await Backend.BudgetedProjectAsync(1000);
        var w = await Backend.WorkerAsync(1);
        var claimed = await Backend.Assignments.ClaimAsync(w);

        Assert.True(await Backend.Projects.ChangeStateAsync(id, requester, [ProjectState.Active], ProjectState.Closed));
        var late = await Backend.Answers.SubmitAsync(claimed!.Assignment.Id, w, "yes");

        Assert.Equal(SubmitOutcome.Expired, late.Outcome);
        Assert.Equal(0L, await Scalar("SELECT leases FROM tasks"));
        Assert.Equal(0L, await Scalar("SELECT budget FROM projects WHERE id = @id", new { id }));
        Assert.Equal(0L, await Scalar("SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE account = @account", new { account = LedgerAccounts.Project(id) }));
        Assert.Equal(0L, await Scalar("SELECT SUM(amount) FROM ledger"));
    }

    [Fact]
    public async Task A_projects_daily_cap_counts_the_workers_local_day()
    {
        await Backend.Projects.CreateAsync(
            new NewProject("Capped", "x", AnswerKind.YesNo, [], "{{text}}", 0, 1, TimeSpan.FromMinutes(5), DailyCap: 2),
            Enumerable.Range(1, 5).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"t{i}" })).ToList(),
            ProjectState.Active);
        var w = await Backend.WorkerAsync(1);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

        async Task<bool> AnswerOneAsync()
        {
            if (await Backend.Assignments.ClaimAsync(w, LocalDay.StartOf(Backend.Time.GetUtcNow(), zone)) is not { } claimed)
            {
                return false;
            }

            await Backend.Answers.SubmitAsync(claimed.Assignment.Id, w, "yes");
            return true;
        }

        // 03:00 UTC is 10:00 in Jakarta: two answers, then nothing until Jakarta's midnight (17:00 UTC).
        Assert.True(await AnswerOneAsync());
        Assert.True(await AnswerOneAsync());
        Assert.False(await AnswerOneAsync());
        Backend.Time.Advance(TimeSpan.FromHours(13) + TimeSpan.FromMinutes(59));
        Assert.False(await AnswerOneAsync());
        Backend.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await AnswerOneAsync());
    }

    [Fact]
    public async Task Migrations_are_safe_to_apply_twice()
    {
        await Backend.Db.MigrateAsync(CancellationToken.None);
        Assert.Equal((long)Migrations.For(Backend.Db.Name).Count, await Scalar("SELECT COUNT(*) FROM schema_migrations"));
    }

    private Task<long> Scalar(string sql, object? args = null) => Scalar<long>(sql, args);

    private async Task<T> Scalar<T>(string sql, object? args = null)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }
}

public sealed class SqliteAssignmentProtocolTests() : AssignmentProtocolTests("Sqlite");

public sealed class PostgresAssignmentProtocolTests() : AssignmentProtocolTests("Postgres");
