using System.Data.Common;
using Dapper;

namespace Microtask.Storage;

/// <summary>One line of an account's history: a movement, or a day's rewards summed (<see cref="Answers"/> &gt; 0).</summary>
public sealed record LedgerEntry(DateTimeOffset At, long Amount, int Answers);

/// <summary>A debit the account cannot cover; nothing was written.</summary>
public sealed class InsufficientFundsException(string account, long available, long wanted)
    : InvalidOperationException($"{account} holds {available}, {wanted} wanted")
{
    public long Available { get; } = available;

    public long Wanted { get; } = wanted;
}

/// <summary>
/// The double-entry ledger: every movement is two rows that sum to zero, so the sum of all accounts is zero at all
/// times. The accounts are named by <see cref="LedgerAccounts"/>.
/// </summary>
public sealed class LedgerStore(IDatabase db, TimeProvider time)
{
    /// <summary>An admin's top-up of a requester's account; returns the account's new balance.</summary>
    public Task<long> TopupAsync(long requesterId, long amount, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return db.InTransactionAsync(
            async (c, tx) =>
            {
                var account = LedgerAccounts.Requester(requesterId);
                await MoveAsync(c, tx, LedgerAccounts.Topups, account, amount, Clock.Ms(time.GetUtcNow()));
                return await SumAsync(c, tx, account);
            },
            ct);
    }

    public async Task<long> BalanceAsync(string account, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await SumAsync(c, null, account);
    }

    /// <summary>Whether the account has ever had a movement.</summary>
    public async Task<bool> HasMovedAsync(string account, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>("SELECT id FROM ledger WHERE account = @account LIMIT 1", new { account }) is not null;
    }

    /// <summary>
    /// The latest <paramref name="limit"/> lines of an account, newest first; rewards for answers are summed per day
    /// of <paramref name="zone"/> so that a busy day is one line.
    /// </summary>
    public async Task<IReadOnlyList<LedgerEntry>> HistoryAsync(string account, TimeZoneInfo zone, int limit, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(long Amount, long? AnswerId, long CreatedAt)>(
            "SELECT amount, answer_id, created_at FROM ledger WHERE account = @account ORDER BY id DESC LIMIT 500",
            new { account });
        var lines = new List<LedgerEntry>();
        foreach (var row in rows)
        {
            var at = TimeZoneInfo.ConvertTime(Clock.At(row.CreatedAt), zone);
            if (row.AnswerId is not null && lines.Count > 0 && lines[^1] is { Answers: > 0 } last && last.At.Date == at.Date)
            {
                lines[^1] = last with { Amount = last.Amount + row.Amount, Answers = last.Answers + 1 };
                continue;
            }

            if (lines.Count == limit)
            {
                break;
            }

            lines.Add(new LedgerEntry(at, row.Amount, row.AnswerId is null ? 0 : 1));
        }

        return lines;
    }

    /// <summary>Workers whose name is exactly <paramref name="name"/> (case-insensitive), at most two: enough to know it is unique.</summary>
    public async Task<IReadOnlyList<long>> TelegramIdsNamedAsync(string name, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<long>("SELECT telegram_id FROM workers WHERE LOWER(name) = LOWER(@name) ORDER BY id LIMIT 2", new { name })).ToList();
    }

    /// <summary>One double-entry movement: two rows that sum to zero.</summary>
    internal static Task MoveAsync(DbConnection c, DbTransaction tx, string from, string to, long amount, long now) =>
        c.ExecuteAsync(
            "INSERT INTO ledger (account, amount, created_at) VALUES (@from, -@amount, @now), (@to, @amount, @now)",
            new { from, to, amount, now },
            tx);

    internal static Task<long> SumAsync(DbConnection c, DbTransaction? tx, string account) =>
        c.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE account = @account", new { account }, tx);

    /// <summary>
    /// Takes <paramref name="amount"/> from an account without a mirror column (a requester's), refusing when it holds
    /// less. A lock on the account makes two debits of it wait for each other.
    /// </summary>
    internal static async Task DebitAsync(IDatabase db, DbConnection c, DbTransaction tx, string from, string to, long amount, long now)
    {
        await db.LockForTransactionAsync(c, tx, from);
        var available = await SumAsync(c, tx, from);
        if (available < amount)
        {
            throw new InsufficientFundsException(from, available, amount);
        }

        await MoveAsync(c, tx, from, to, amount, now);
    }
}
