using Dapper;
using Microtask.Core;

namespace Microtask.Storage.Tests;

/// <summary>Top-ups, funded projects, withdrawals and their decisions keep the double-entry ledger square.</summary>
public abstract class LedgerTests(string kind) : BackendTest(kind)
{
    private LedgerStore ledger = null!;
    private PayoutStore payouts = null!;

    protected override Task StartedAsync()
    {
        ledger = new LedgerStore(Backend.Db, Backend.Time);
        payouts = new PayoutStore(Backend.Db, Backend.Time);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_project_budget_the_requesters_account_cannot_cover_is_refused_and_nothing_is_created()
    {
        var requester = await Backend.WorkerAsync(900);
        await ledger.TopupAsync(requester, 500);

        var refused = await Assert.ThrowsAsync<InsufficientFundsException>(() => CreateAsync(requester, 501));
        Assert.Equal(500, refused.Available);
        Assert.Equal(0L, await Scalar("SELECT COUNT(*) FROM projects"));

        await CreateAsync(requester, 500);
        Assert.Equal(0L, await ledger.BalanceAsync(LedgerAccounts.Requester(requester)));
        await Assert.ThrowsAsync<InsufficientFundsException>(() => CreateAsync(requester, 1));
    }

    [Fact]
    public async Task Racing_project_creations_never_overdraw_the_requesters_account()
    {
        var requester = await Backend.WorkerAsync(900);
        await ledger.TopupAsync(requester, 1000);
        var created = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                await CreateAsync(requester, 300);
                Interlocked.Increment(ref created);
            }
            catch (InsufficientFundsException)
            {
            }
        })));

        Assert.Equal(3, created);
        Assert.Equal(100L, await ledger.BalanceAsync(LedgerAccounts.Requester(requester)));
        Assert.Equal(0L, await Scalar("SELECT SUM(amount) FROM ledger"));
    }

    [Fact]
    public async Task A_withdrawal_beyond_the_balance_changes_nothing_and_decisions_are_taken_once()
    {
        var worker = await Backend.WorkerAsync(1);
        await EarnAsync(worker, 3);
        Assert.Null(await payouts.RequestAsync(worker, 301, "gopay", "0812"));
        var id = (await payouts.RequestAsync(worker, 200, "gopay", "0812"))!.Value;
        Assert.Equal(100, (await Backend.Workers.GetAsync(worker))!.Balance);

        Assert.NotNull(await payouts.RejectAsync(id, worker, "wrong number"));
        Assert.Null(await payouts.ApproveAsync(id, worker, "ref"));
        Assert.Null(await payouts.RejectAsync(id, worker, "again"));
        Assert.Equal(300, (await Backend.Workers.GetAsync(worker))!.Balance);
        await AssertSquareAsync();
    }

    [Fact]
    public async Task A_random_mix_of_answers_topups_withdrawals_approvals_and_rejections_keeps_every_account_square()
    {
        var random = new Random(20261127);
        var admin = await Backend.WorkerAsync(777);
        var requester = await Backend.WorkerAsync(900);
        var workers = new List<long>();
        for (var i = 1; i <= 5; i++)
        {
            workers.Add(await Backend.WorkerAsync(i));
        }

        await ledger.TopupAsync(requester, 20_000);
        await CreateAsync(requester, 20_000, tasks: 200, reward: 100);
        for (var step = 0; step < 150; step++)
        {
            var worker = workers[random.Next(workers.Count)];
            switch (random.Next(6))
            {
                case 0 or 1:
                    if (await Backend.Assignments.ClaimAsync(worker) is { } claimed)
                    {
                        await Backend.Answers.SubmitAsync(claimed.Assignment.Id, worker, "yes");
                    }

                    break;
                case 2:
                    await ledger.TopupAsync(requester, random.Next(1, 1_000));
                    break;
                case 3:
                    await payouts.RequestAsync(worker, random.Next(1, 250), "ovo", "0812");
                    break;
                case 4:
                    if (await payouts.OldestPendingAsync() is { } approve)
                    {
                        Assert.NotNull(await payouts.ApproveAsync(approve.Id, admin, $"TRX{step}"));
                    }

                    break;
                default:
                    if (await payouts.OldestPendingAsync() is { } reject)
                    {
                        Assert.NotNull(await payouts.RejectAsync(reject.Id, admin, "no such account"));
                    }

                    break;
            }

            await AssertSquareAsync();
        }

        Assert.True(await Scalar("SELECT COUNT(*) FROM payouts WHERE state = 'paid'") > 0);
        Assert.True(await Scalar("SELECT COUNT(*) FROM payouts WHERE state = 'rejected'") > 0);
    }

    [Fact]
    public async Task Concurrent_answers_withdrawals_and_decisions_keep_every_account_square()
    {
        var admin = await Backend.WorkerAsync(777);
        var requester = await Backend.WorkerAsync(900);
        await ledger.TopupAsync(requester, 30_000);
        await CreateAsync(requester, 30_000, tasks: 300, reward: 100);
        await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
        {
            var random = new Random(i);
            var worker = await Backend.WorkerAsync(i);
            for (var step = 0; step < 40; step++)
            {
                switch (random.Next(5))
                {
                    case 0 or 1:
                        if (await Backend.Assignments.ClaimAsync(worker) is { } claimed)
                        {
                            await Backend.Answers.SubmitAsync(claimed.Assignment.Id, worker, "yes");
                        }

                        break;
                    case 2:
                        await payouts.RequestAsync(worker, random.Next(1, 300), "dana", "0812");
                        break;
                    default:
                        // Admins race each other for the same oldest request: each is decided once.
                        if (await payouts.OldestPendingAsync() is { } pending)
                        {
                            _ = random.Next(2) == 0
                                ? await payouts.ApproveAsync(pending.Id, admin, "TRX")
                                : await payouts.RejectAsync(pending.Id, admin, "no");
                        }

                        break;
                }
            }
        })));

        await AssertSquareAsync();
        Assert.True(await Scalar("SELECT COUNT(*) FROM payouts") > 0);
    }

    /// <summary>The invariants: all accounts sum to zero, each balance mirrors its account, pending requests are what payouts:pending holds.</summary>
    private async Task AssertSquareAsync()
    {
        Assert.Equal(0L, await Scalar("SELECT COALESCE(SUM(amount), 0) FROM ledger"));
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        var mismatched = await c.ExecuteScalarAsync<long>(
            $"""
            SELECT COUNT(*) FROM workers w
            WHERE w.balance <> COALESCE((SELECT SUM(amount) FROM ledger l WHERE l.account = {LedgerAccounts.WorkerSql("w.id")}), 0)
            """);
        Assert.Equal(0L, mismatched);
        Assert.Equal(
            await Scalar("SELECT COALESCE(SUM(amount), 0) FROM payouts WHERE state = 'pending'"),
            await ledger.BalanceAsync(LedgerAccounts.PayoutsPending));
        Assert.Equal(
            await Scalar("SELECT COALESCE(SUM(amount), 0) FROM payouts WHERE state = 'paid'"),
            await ledger.BalanceAsync(LedgerAccounts.PayoutsPaid));
    }

    private async Task EarnAsync(long worker, int answers)
    {
        var project = await Backend.ProjectAsync(answers, overlap: 1, reward: 100);
        for (var i = 0; i < answers; i++)
        {
            var claimed = (await Backend.Assignments.ClaimAsync(worker))!;
            await Backend.Answers.SubmitAsync(claimed.Assignment.Id, worker, "positive");
        }
    }

    private Task<long> CreateAsync(long requester, long budget, int tasks = 1, long reward = 10) =>
        Backend.Projects.CreateAsync(
            new NewProject("Funded", "x", AnswerKind.YesNo, [], "{{text}}", reward, 1, TimeSpan.FromMinutes(5), requester, Budget: budget),
            Enumerable.Range(1, tasks).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"t{i}" })).ToList(),
            ProjectState.Active);

    private async Task<long> Scalar(string sql)
    {
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>(sql);
    }
}

public sealed class SqliteLedgerTests() : LedgerTests("Sqlite");

public sealed class PostgresLedgerTests() : LedgerTests("Postgres");
