using System.Data.Common;
using Dapper;

namespace Microtask.Storage;

/// <summary>Paying a file of bonuses: every row, or none.</summary>
public sealed partial class BonusFileStore
{
    /// <summary>
    /// Pays every row of a pending file of <paramref name="requesterId"/>'s, or none: the account is locked and checked
    /// against the total, then each row becomes a bonus (keyed by the file and its line), two ledger rows, the worker's
    /// balance and an audit entry worded by <paramref name="auditDetail"/>.
    /// </summary>
    public Task<BonusFilePayment> PayAsync(long id, long requesterId, Func<BonusFile, BonusRow, string> auditDetail, CancellationToken ct = default)
    {
        var account = LedgerAccounts.Requester(requesterId);
        return db.InTransactionAsync(
            async (c, tx) =>
            {
                await db.LockForTransactionAsync(c, tx, account);
                var balance = await LedgerStore.SumAsync(c, tx, account);
                var file = Map(await c.QuerySingleOrDefaultAsync<Row>(
                    $"SELECT {Columns} FROM bonus_files WHERE id = @id AND requester_id = @requesterId", new { id, requesterId }, tx));
                switch (file?.State)
                {
                    case null:
                        return new BonusFilePayment(BonusFileOutcome.Gone, balance);
                    case "paid":
                        return new BonusFilePayment(BonusFileOutcome.AlreadyPaid, balance);
                    case "cancelled":
                        return new BonusFilePayment(BonusFileOutcome.Cancelled, balance);
                }

                var earlier = Map(await c.QueryFirstOrDefaultAsync<Row>(
                    $"SELECT {Columns} FROM bonus_files WHERE project_id = @ProjectId AND sha256 = @Sha256 AND state = 'paid' ORDER BY id LIMIT 1",
                    new { file.ProjectId, file.Sha256 },
                    tx));
                if (earlier is not null)
                {
                    return new BonusFilePayment(BonusFileOutcome.SameFilePaid, balance, earlier);
                }

                if (balance < file.Total)
                {
                    return new BonusFilePayment(BonusFileOutcome.ShortOfFunds, balance);
                }

                await PayRowsAsync(c, tx, file, account, auditDetail);
                return new BonusFilePayment(BonusFileOutcome.Paid, await LedgerStore.SumAsync(c, tx, account));
            },
            ct);
    }

    private async Task PayRowsAsync(DbConnection c, DbTransaction tx, BonusFile file, string account, Func<BonusFile, BonusRow, string> auditDetail)
    {
        var now = Now;
        var args = new { file.Id, file.ProjectId, file.RequesterId, account, keyPrefix = $"file:{file.Id}:", now };
        await c.ExecuteAsync("UPDATE bonus_files SET state = 'paid', ended_at = @now WHERE id = @Id", args, tx);
        await c.ExecuteAsync(
            """
            INSERT INTO bonuses (project_id, requester_id, worker_id, amount, reason, request_key, created_at)
            SELECT @ProjectId, @RequesterId, worker_id, amount, reason, @keyPrefix || line, @now FROM bonus_file_rows WHERE bonus_file_id = @Id ORDER BY line
            """,
            args,
            tx);
        // Each row's two ledger rows side by side, as a single bonus writes them.
        await c.ExecuteAsync(
            $"""
            INSERT INTO ledger (account, amount, created_at)
            SELECT CASE s.side WHEN 0 THEN @account ELSE {LedgerAccounts.WorkerSql("r.worker_id")} END,
                   CASE s.side WHEN 0 THEN -r.amount ELSE r.amount END, @now
            FROM bonus_file_rows r CROSS JOIN (SELECT 0 AS side UNION ALL SELECT 1) s
            WHERE r.bonus_file_id = @Id ORDER BY r.line, s.side
            """,
            args,
            tx);
        await c.ExecuteAsync(
            """
            UPDATE workers SET balance = balance + (SELECT SUM(r.amount) FROM bonus_file_rows r WHERE r.bonus_file_id = @Id AND r.worker_id = workers.id)
            WHERE id IN (SELECT worker_id FROM bonus_file_rows WHERE bonus_file_id = @Id)
            """,
            args,
            tx);
        var rows = await c.QueryAsync<PaidRow>(
            "SELECT line, worker_id, amount, reason FROM bonus_file_rows WHERE bonus_file_id = @Id ORDER BY line", args, tx);
        await c.ExecuteAsync(
            "INSERT INTO audit_log (actor_id, action, target_id, detail, created_at) VALUES (@RequesterId, 'bonus', @WorkerId, @Detail, @now)",
            rows.Select(r => new { file.RequesterId, r.WorkerId, Detail = auditDetail(file, new BonusRow((int)r.Line, r.WorkerId, r.Amount, r.Reason)), now }),
            tx);
    }

    private sealed class PaidRow
    {
        public long Line { get; set; }
        public long WorkerId { get; set; }
        public long Amount { get; set; }
        public string Reason { get; set; } = "";
    }
}
