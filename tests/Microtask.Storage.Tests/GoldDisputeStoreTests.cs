using Dapper;
using Microtask.Core;

namespace Microtask.Storage.Tests;

/// <summary>
/// Disputes and the quarantine on both engines: disputes pressed at once set a task aside exactly once, and the recount
/// takes a quarantined answer out only of records that still hold it.
/// </summary>
public abstract class GoldDisputeStoreTests(string kind) : BackendTest(kind)
{
    private GoldDisputeStore disputes = null!;
    private BanStore bans = null!;
    private long project;
    private long faulty;

    protected override async Task StartedAsync()
    {
        disputes = new GoldDisputeStore(Backend.Db, Backend.Time);
        bans = new BanStore(Backend.Db, Backend.Time);
        // Two gold tasks, shown first: the first's gold answer is wrong (the crowd says negative), the second's right.
        project = await Backend.Projects.CreateAsync(
            new NewProject("Sentiment", "Pick one", AnswerKind.SingleChoice, ["positive", "negative"], "{{text}}", 100, 5, TimeSpan.FromMinutes(5), GoldPercent: 100),
            [new NewTask(new Dictionary<string, string> { ["text"] = "awful" }, "positive"), new NewTask(new Dictionary<string, string> { ["text"] = "bad" }, "negative")],
            ProjectState.Active);
        faulty = await ScalarAsync($"SELECT MIN(id) FROM tasks WHERE project_id = {project}");
    }

    [Fact]
    public async Task Three_disputes_pressed_at_once_set_the_task_aside_once()
    {
        var workers = new[] { await Backend.WorkerAsync(10), await Backend.WorkerAsync(11), await Backend.WorkerAsync(12) };
        var assignments = new List<long>();
        foreach (var worker in workers)
        {
            assignments.AddRange(await AnswerAllAsync(worker));
        }

        var faultyAnswers = (await QueryAsync($"SELECT assignment_id FROM answers WHERE task_id = {faulty} ORDER BY worker_id")).ToArray();
        var results = await Task.WhenAll(workers.Select((w, i) => disputes.DisputeAsync(faultyAnswers[i], w)));

        Assert.All(results, r => Assert.Equal(DisputeOutcome.Recorded, r.Outcome));
        var quarantined = Assert.Single(results, r => r.Quarantined is not null).Quarantined!;
        Assert.Equal(("positive", "negative", 3, 3, 3), (quarantined.Gold, quarantined.Evidence.CrowdAnswer, quarantined.Evidence.CrowdCount, quarantined.Evidence.Answers, quarantined.Evidence.Disputes));
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM gold_quarantine"));
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'gold.quarantine'"));
        Assert.Equal(0L, await ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE id = {faulty} AND gold_answer IS NOT NULL"));
        Assert.Equal(new long[] { 1, 1, 1 }, await QueryAsync("SELECT gold_total FROM worker_quality ORDER BY worker_id"));
        Assert.Equal(new long[] { 1, 1, 1 }, await QueryAsync("SELECT gold_correct FROM worker_quality ORDER BY worker_id"));
        Assert.Equal(new long[] { 1, 1, 1 }, await QueryAsync($"SELECT gold_total FROM workers WHERE id IN ({string.Join(", ", workers)}) ORDER BY id"));
    }

    [Fact]
    public async Task The_thresholds_given_decide_how_many_disputes_set_a_task_aside()
    {
        // Two disputes: not enough by default, enough where two are set.
        var workers = new[] { await Backend.WorkerAsync(10), await Backend.WorkerAsync(11), await Backend.WorkerAsync(12) };
        foreach (var worker in workers)
        {
            await AnswerAllAsync(worker);
        }

        var faultyAnswers = (await QueryAsync($"SELECT assignment_id FROM answers WHERE task_id = {faulty} ORDER BY worker_id")).ToArray();
        Assert.Null((await disputes.DisputeAsync(faultyAnswers[0], workers[0])).Quarantined);
        Assert.Null((await disputes.DisputeAsync(faultyAnswers[1], workers[1])).Quarantined);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM gold_quarantine"));

        await ExecuteAsync("DELETE FROM gold_disputes");
        var two = new GoldDisputeStore(Backend.Db, Backend.Time, new Microtask.Core.Quality.DisputeThresholds(2, 3, 70));
        Assert.Null((await two.DisputeAsync(faultyAnswers[0], workers[0])).Quarantined);
        Assert.Equal(2, (await two.DisputeAsync(faultyAnswers[1], workers[1])).Quarantined!.Evidence.Disputes);
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM gold_quarantine"));
    }

    [Fact]
    public async Task A_record_that_started_afresh_after_the_quarantined_answer_is_not_counted_down_again()
    {
        var admin = await Backend.WorkerAsync(1);
        var fresh = await Backend.WorkerAsync(10);
        var claimed = await Backend.Assignments.ClaimAsync(fresh);
        Assert.Equal(faulty, claimed!.Task.Id);
        await Backend.Answers.SubmitAsync(claimed.Assignment.Id, fresh, "negative"); // marked wrong
        Backend.Time.Advance(TimeSpan.FromSeconds(1));
        await bans.BanAsync(fresh, project, BanStore.Permanent, "checking", admin);
        Assert.True(await bans.LiftAsync(fresh, project)); // its record on the project starts afresh
        Backend.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(await AnswerAllAsync(fresh)); // the second gold task, right: 1 of 1 since the fresh start

        var others = new[] { await Backend.WorkerAsync(11), await Backend.WorkerAsync(12), await Backend.WorkerAsync(13) };
        foreach (var worker in others)
        {
            await AnswerAllAsync(worker);
        }

        foreach (var worker in others)
        {
            var assignment = await ScalarAsync($"SELECT assignment_id FROM answers WHERE task_id = {faulty} AND worker_id = {worker}");
            await disputes.DisputeAsync(assignment, worker);
        }

        Assert.NotNull(await disputes.FindAsync(faulty));
        Assert.Equal((1L, 1L), (await ScalarAsync($"SELECT gold_correct FROM worker_quality WHERE worker_id = {fresh}"), await ScalarAsync($"SELECT gold_total FROM worker_quality WHERE worker_id = {fresh}")));
        Assert.Equal((1L, 1L), (await ScalarAsync($"SELECT gold_correct FROM workers WHERE id = {fresh}"), await ScalarAsync($"SELECT gold_total FROM workers WHERE id = {fresh}")));
        Assert.Equal((1L, 1L), (await ScalarAsync($"SELECT gold_correct FROM worker_quality WHERE worker_id = {others[0]}"), await ScalarAsync($"SELECT gold_total FROM worker_quality WHERE worker_id = {others[0]}")));
    }

    /// <summary>Claims and answers "negative" until nothing is offered; the assignments answered.</summary>
    private async Task<List<long>> AnswerAllAsync(long worker)
    {
        var answered = new List<long>();
        while (await Backend.Assignments.ClaimAsync(worker) is { } claimed)
        {
            Assert.Equal(SubmitOutcome.Accepted, (await Backend.Answers.SubmitAsync(claimed.Assignment.Id, worker, "negative")).Outcome);
            answered.Add(claimed.Assignment.Id);
        }

        return answered;
    }

    private async Task<long[]> QueryAsync(string sql)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        return [.. await c.QueryAsync<long>(sql)];
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync(sql);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>(sql);
    }
}

public sealed class SqliteGoldDisputeStoreTests() : GoldDisputeStoreTests("Sqlite");

public sealed class PostgresGoldDisputeStoreTests() : GoldDisputeStoreTests("Postgres");
