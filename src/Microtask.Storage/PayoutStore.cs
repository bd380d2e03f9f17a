using Dapper;

namespace Microtask.Storage;

public enum PayoutState
{
    Pending,
    Paid,
    Rejected,
}

/// <summary>A withdrawal request with the worker it pays.</summary>
public sealed record Payout(
    long Id, long WorkerId, long WorkerTelegramId, string WorkerName, string WorkerLanguage, long Amount, string Method, string Account,
    PayoutState State, string? Reference, string? Reason, DateTimeOffset CreatedAt);

/// <summary>
/// Withdrawals. Creating one moves the amount worker → payouts:pending (workers.balance with it); approving moves it
/// on to payouts:paid; rejecting moves it back to the worker. Each in one transaction, each decided once.
/// </summary>
public sealed class PayoutStore(IDatabase db, TimeProvider time)
{
    private const string Select =
        """
        SELECT p.id, p.worker_id, w.telegram_id AS worker_telegram_id, w.name AS worker_name, w.language AS worker_language,
               p.amount, p.method, p.account, p.state, p.reference, p.reason, p.created_at
        FROM payouts p JOIN workers w ON w.id = p.worker_id
        """;

    /// <summary>The new request's id, or null when the balance does not cover the amount (nothing changes then).</summary>
    public Task<long?> RequestAsync(long workerId, long amount, string method, string account, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return db.InTransactionAsync(
            async (c, tx) =>
            {
                // The conditional update is the check: the row lock makes two withdrawals wait for each other.
                if (await c.ExecuteAsync(
                        "UPDATE workers SET balance = balance - @amount WHERE id = @workerId AND balance >= @amount", new { workerId, amount }, tx) != 1)
                {
                    return (long?)null;
                }

                var now = Clock.Ms(time.GetUtcNow());
                var id = await c.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO payouts (worker_id, amount, method, account, state, created_at)
                    VALUES (@workerId, @amount, @method, @account, 'pending', @now) RETURNING id
                    """,
                    new { workerId, amount, method, account, now },
                    tx);
                await LedgerStore.MoveAsync(c, tx, LedgerAccounts.Worker(workerId), LedgerAccounts.PayoutsPending, amount, now);
                return id;
            },
            ct);
    }

    /// <summary>The request waiting longest, if any.</summary>
    public async Task<Payout?> OldestPendingAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QueryFirstOrDefaultAsync<PayoutRow>($"{Select} WHERE p.state = 'pending' ORDER BY p.id LIMIT 1");
        return row?.ToPayout();
    }

    public async Task<int> PendingCountAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM payouts WHERE state = 'pending'");
    }

    public async Task<Payout?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QuerySingleOrDefaultAsync<PayoutRow>($"{Select} WHERE p.id = @id", new { id }))?.ToPayout();
    }

    /// <summary>Marks a pending request paid; null when there is no such pending request (already decided, or none).</summary>
    public Task<Payout?> ApproveAsync(long id, long adminId, string reference, CancellationToken ct = default) =>
        DecideAsync(id, adminId, PayoutState.Paid, reference, null, ct);

    /// <summary>Rejects a pending request and gives the money back to the worker; null when there is no such pending request.</summary>
    public Task<Payout?> RejectAsync(long id, long adminId, string reason, CancellationToken ct = default) =>
        DecideAsync(id, adminId, PayoutState.Rejected, null, reason, ct);

    private Task<Payout?> DecideAsync(long id, long adminId, PayoutState to, string? reference, string? reason, CancellationToken ct) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var now = Clock.Ms(time.GetUtcNow());
                var decided = await c.QuerySingleOrDefaultAsync<PayoutRow>(
                    """
                    UPDATE payouts SET state = @state, reference = @reference, reason = @reason, decided_by = @adminId, decided_at = @now
                    WHERE id = @id AND state = 'pending'
                    RETURNING worker_id, amount
                    """,
                    new { id, state = to.ToString().ToLowerInvariant(), reference, reason, adminId, now },
                    tx);
                if (decided is not { } d)
                {
                    return null;
                }

                if (to == PayoutState.Paid)
                {
                    await LedgerStore.MoveAsync(c, tx, LedgerAccounts.PayoutsPending, LedgerAccounts.PayoutsPaid, d.Amount, now);
                }
                else
                {
                    await LedgerStore.MoveAsync(c, tx, LedgerAccounts.PayoutsPending, LedgerAccounts.Worker(d.WorkerId), d.Amount, now);
                    await c.ExecuteAsync("UPDATE workers SET balance = balance + @Amount WHERE id = @WorkerId", new { d.Amount, d.WorkerId }, tx);
                }

                return (await c.QuerySingleAsync<PayoutRow>($"{Select} WHERE p.id = @id", new { id }, tx)).ToPayout();
            },
            ct);

    private sealed class PayoutRow
    {
        public long Id { get; set; }
        public long WorkerId { get; set; }
        public long WorkerTelegramId { get; set; }
        public string WorkerName { get; set; } = "";
        public string WorkerLanguage { get; set; } = "";
        public long Amount { get; set; }
        public string Method { get; set; } = "";
        public string Account { get; set; } = "";
        public string State { get; set; } = "";
        public string? Reference { get; set; }
        public string? Reason { get; set; }
        public long CreatedAt { get; set; }

        public Payout ToPayout() => new(
            Id, WorkerId, WorkerTelegramId, WorkerName, WorkerLanguage, Amount, Method, Account,
            Enum.Parse<PayoutState>(State, ignoreCase: true), Reference, Reason, Clock.At(CreatedAt));
    }
}
