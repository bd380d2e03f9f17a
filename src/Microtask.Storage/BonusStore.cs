using Dapper;

namespace Microtask.Storage;

/// <summary>What became of a bonus request.</summary>
public enum BonusOutcome
{
    Paid,

    /// <summary>The same request was paid before; nothing moved this time.</summary>
    AlreadyPaid,

    /// <summary>The requester's account holds less than the bonus; nothing moved.</summary>
    ShortOfFunds,
}

/// <summary>The outcome, and the requester's account balance after it.</summary>
public sealed record BonusResult(BonusOutcome Outcome, long RequesterBalance);

/// <summary>
/// Bonuses from a requester to the workers of their projects: the request recorded and the money moved (requester's
/// account → worker's balance, two ledger rows) in one transaction, once per request key.
/// </summary>
public sealed class BonusStore(IDatabase db, TimeProvider time)
{
    /// <summary>The workers who answered the project, for a pseudonym to be matched against.</summary>
    public async Task<IReadOnlyList<long>> AnsweredByAsync(long projectId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<long>("SELECT DISTINCT worker_id FROM answers WHERE project_id = @projectId", new { projectId })];
    }

    public async Task<BonusResult> PayAsync(long projectId, long requesterId, long workerId, long amount, string reason, string requestKey, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        var account = LedgerAccounts.Requester(requesterId);
        try
        {
            return await db.InTransactionAsync(
                async (c, tx) =>
                {
                    var now = Clock.Ms(time.GetUtcNow());
                    var inserted = await c.ExecuteAsync(
                        """
                        INSERT INTO bonuses (project_id, requester_id, worker_id, amount, reason, request_key, created_at)
                        VALUES (@projectId, @requesterId, @workerId, @amount, @reason, @requestKey, @now)
                        ON CONFLICT (requester_id, request_key) DO NOTHING
                        """,
                        new { projectId, requesterId, workerId, amount, reason, requestKey, now },
                        tx);
                    if (inserted == 0)
                    {
                        return new BonusResult(BonusOutcome.AlreadyPaid, await LedgerStore.SumAsync(c, tx, account));
                    }

                    await LedgerStore.DebitAsync(db, c, tx, account, LedgerAccounts.Worker(workerId), amount, now);
                    await c.ExecuteAsync("UPDATE workers SET balance = balance + @amount WHERE id = @workerId", new { amount, workerId }, tx);
                    return new BonusResult(BonusOutcome.Paid, await LedgerStore.SumAsync(c, tx, account));
                },
                ct);
        }
        catch (InsufficientFundsException e)
        {
            return new BonusResult(BonusOutcome.ShortOfFunds, e.Available);
        }
    }
}
