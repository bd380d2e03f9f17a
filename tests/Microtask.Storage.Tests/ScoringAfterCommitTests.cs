using Dapper;
using Microtask.Core;

namespace Microtask.Storage.Tests;

/// <summary>
/// PostgreSQL stores an answer in one statement and scores a gold answer in a transaction of its own right after. When
/// that scoring fails, the answer stays saved and paid, no score is stored, and none is shown: the caller gets an
/// accepted result (so it counts the answer and sends the notices) that says why it is unscored, never an exception.
/// A trigger on <c>worker_quality</c> (written by every scoring) makes the scoring fail on purpose, and counts the tries.
/// </summary>
public sealed class ScoringAfterCommitTests() : BackendTest("Postgres")
{
    [Theory]
    [InlineData("RAISE EXCEPTION 'scoring refused'", 1)] // an error that is no conflict: not retried
    [InlineData("RAISE EXCEPTION USING ERRCODE = 'unique_violation'", 3)] // a conflict: retried, three tries in all
    public async Task A_gold_answer_whose_scoring_fails_is_saved_and_paid_and_shows_no_score(string raise, long tries)
    {
        await Backend.ProjectAsync(tasks: 2, overlap: 1, reward: 250, goldEvery: "negative", goldPercent: 100);
        var worker = await Backend.WorkerAsync(1);
        var gold = await Backend.Assignments.ClaimAsync(worker);
        Assert.Equal("negative", gold!.Task.GoldAnswer);
        await Execute($"""
            CREATE SEQUENCE scoring_tries;
            CREATE FUNCTION refuse_scoring() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM nextval('scoring_tries'); {raise}; END $$;
            CREATE TRIGGER refuse_scoring BEFORE INSERT ON worker_quality FOR EACH ROW EXECUTE FUNCTION refuse_scoring();
            """);

        var result = await Backend.Answers.SubmitAsync(gold.Assignment.Id, worker, "negative");

        Assert.Equal(SubmitOutcome.Accepted, result.Outcome);
        Assert.Equal($"PostgresException on try {tries}", result.NotScored);
        Assert.Null(result.GoldCorrect);
        Assert.Null(result.Verdict);
        Assert.Equal(250, result.Reward);
        Assert.Equal(1L, await Scalar("SELECT COUNT(*) FROM answers WHERE value = 'negative' AND gold_correct IS NULL"));
        Assert.Equal(tries, await Scalar("SELECT last_value FROM scoring_tries")); // a sequence counts past rollbacks
        Assert.Equal(0L, await Scalar("SELECT gold_total FROM workers"));
        Assert.Equal(250L, await Scalar("SELECT balance FROM workers"));
        Assert.Equal(0L, await Scalar("SELECT COALESCE(SUM(amount), 0) FROM ledger"));
        Assert.Equal(SubmitOutcome.AlreadyAnswered, (await Backend.Answers.SubmitAsync(gold.Assignment.Id, worker, "negative")).Outcome);

        await Execute("DROP TRIGGER refuse_scoring ON worker_quality");
        var plain = await Backend.Assignments.ClaimAsync(worker);
        var next = await Backend.Answers.SubmitAsync(plain!.Assignment.Id, worker, "positive");
        Assert.Equal(SubmitOutcome.Accepted, next.Outcome);
        Assert.Null(next.NotScored);
    }

    private async Task Execute(string sql)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync(sql);
    }

    private async Task<long> Scalar(string sql)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>(sql);
    }
}
