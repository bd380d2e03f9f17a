using Dapper;

namespace Microtask.Storage;

/// <summary>A confirmed large top-up: whose account, how much, and what the account holds now.</summary>
public sealed record ConfirmedTopup(long RequesterId, long Amount, long Balance);

/// <summary>
/// Top-ups large enough to need their admin's second look, from the ask to Confirm or Cancel. Each decision is one
/// conditional UPDATE, so a double press, a replayed one or a press on another instance moves no money twice.
/// </summary>
public sealed class TopupStore(IDatabase db, TimeProvider time)
{
    public Task<long> AskAsync(long adminId, long adminChatId, long requesterId, long amount, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return db.WriteAsync(
            c => c.ExecuteScalarAsync<long>(
                """
                INSERT INTO large_topups (admin_id, admin_chat_id, worker_id, amount, state, created_at)
                VALUES (@adminId, @adminChatId, @requesterId, @amount, 'asked', @now) RETURNING id
                """,
                new { adminId, adminChatId, requesterId, amount, now = Now }),
            ct);
    }

    /// <summary>Asked → done, moving the money in the same transaction; null unless it was this chat's and still asked.</summary>
    public Task<ConfirmedTopup?> ConfirmAsync(long id, long adminChatId, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var now = Now;
                var asked = await c.QuerySingleOrDefaultAsync<AskedRow>(
                    "UPDATE large_topups SET state = 'done', decided_at = @now WHERE id = @id AND admin_chat_id = @adminChatId AND state = 'asked' RETURNING worker_id, amount",
                    new { id, adminChatId, now },
                    tx);
                if (asked is null)
                {
                    return null;
                }

                var account = LedgerAccounts.Requester(asked.WorkerId);
                await LedgerStore.MoveAsync(c, tx, LedgerAccounts.Topups, account, asked.Amount, now);
                return new ConfirmedTopup(asked.WorkerId, asked.Amount, await LedgerStore.SumAsync(c, tx, account));
            },
            ct);

    /// <summary>Asked → cancelled; false unless it was this chat's and still asked.</summary>
    public async Task<bool> CancelAsync(long id, long adminChatId, CancellationToken ct = default) =>
        await db.WriteAsync(
            c => c.ExecuteAsync(
                "UPDATE large_topups SET state = 'cancelled', decided_at = @now WHERE id = @id AND admin_chat_id = @adminChatId AND state = 'asked'",
                new { id, adminChatId, now = Now }),
            ct) == 1;

    private long Now => Clock.Ms(time.GetUtcNow());

    private sealed class AskedRow
    {
        public long WorkerId { get; set; }
        public long Amount { get; set; }
    }
}
