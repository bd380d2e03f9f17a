using Dapper;

namespace Microtask.Storage;

/// <summary>One checked row of a file of bonuses: its line in the file, the worker its pseudonym names, the amount and why.</summary>
public sealed record BonusRow(int Line, long WorkerId, long Amount, string Reason);

/// <summary>A file of bonuses as its report left it: pending until its requester pays or cancels it.</summary>
public sealed record BonusFile(
    long Id, long ProjectId, long RequesterId, string FileName, string Sha256, int Rows, long Total, string State, int ToldLine, DateTimeOffset CreatedAt);

/// <summary>A paid bonus to tell its worker of: the worker's chat and language, whether they can still be reached.</summary>
public sealed record BonusToTell(int Line, long ChatId, string Language, bool Active, long Amount, string Reason);

/// <summary>What became of a press of Pay.</summary>
public enum BonusFileOutcome
{
    Paid,

    /// <summary>Paid by an earlier press; nothing moved this time.</summary>
    AlreadyPaid,

    /// <summary>Cancelled before; nothing moved.</summary>
    Cancelled,

    /// <summary>Not this requester's file, or no such file.</summary>
    Gone,

    /// <summary>A file with the same bytes was paid on the project already; nothing moved.</summary>
    SameFilePaid,

    /// <summary>The requester's account holds less than the total; nothing moved.</summary>
    ShortOfFunds,
}

/// <summary>The outcome of Pay, the requester's account balance after it, and for <see cref="BonusFileOutcome.SameFilePaid"/> the file paid before.</summary>
public sealed record BonusFilePayment(BonusFileOutcome Outcome, long RequesterBalance, BonusFile? Earlier = null);

/// <summary>
/// Files of bonuses: the checked rows kept with their report, then paid all in one transaction (each row a bonus, two
/// ledger rows and an audit entry) or not at all, once per file.
/// </summary>
public sealed partial class BonusFileStore(IDatabase db, TimeProvider time)
{
    private const string Columns = "id, project_id, requester_id, file_name, sha256, row_count, total, state, told_line, created_at";

    /// <summary>
    /// A checked file waiting for Pay, with its rows; the id of the one made for the same request before, if there is
    /// one (a redelivered upload).
    /// </summary>
    public Task<long> AddPendingAsync(
        long projectId, long requesterId, string requestKey, string fileName, string sha256, IReadOnlyList<BonusRow> rows, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var earlier = await c.ExecuteScalarAsync<long?>(
                    "SELECT id FROM bonus_files WHERE requester_id = @requesterId AND request_key = @requestKey", new { requesterId, requestKey }, tx);
                if (earlier is { } id)
                {
                    return id;
                }

                id = await c.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO bonus_files (project_id, requester_id, request_key, file_name, sha256, row_count, total, created_at)
                    VALUES (@projectId, @requesterId, @requestKey, @fileName, @sha256, @count, @total, @now) RETURNING id
                    """,
                    new { projectId, requesterId, requestKey, fileName, sha256, count = rows.Count, total = rows.Sum(r => r.Amount), now = Now },
                    tx);
                await c.ExecuteAsync(
                    "INSERT INTO bonus_file_rows (bonus_file_id, line, worker_id, amount, reason) VALUES (@id, @Line, @WorkerId, @Amount, @Reason)",
                    rows.Select(r => new { id, r.Line, r.WorkerId, r.Amount, r.Reason }),
                    tx);
                return id;
            },
            ct);

    public async Task<BonusFile?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return Map(await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM bonus_files WHERE id = @id", new { id }));
    }

    /// <summary>The file with these bytes paid on the project, if one was.</summary>
    public async Task<BonusFile?> PaidWithHashAsync(long projectId, string sha256, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return Map(await c.QueryFirstOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM bonus_files WHERE project_id = @projectId AND sha256 = @sha256 AND state = 'paid' ORDER BY id LIMIT 1",
            new { projectId, sha256 }));
    }

    /// <summary>Pending → cancelled; false when it was not this requester's pending file.</summary>
    public async Task<bool> CancelAsync(long id, long requesterId, CancellationToken ct = default) =>
        await db.WriteAsync(
            c => c.ExecuteAsync(
                "UPDATE bonus_files SET state = 'cancelled', ended_at = @now WHERE id = @id AND requester_id = @requesterId AND state = 'pending'",
                new { id, requesterId, now = Now }),
            ct) == 1;

    /// <summary>The paid rows after line <paramref name="line"/>, in line order, with what telling their worker takes.</summary>
    public async Task<IReadOnlyList<BonusToTell>> ToTellAfterAsync(long id, int line, int limit, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<TellRow>(
            """
            SELECT r.line, w.telegram_id AS chat_id, w.language, w.active, r.amount, r.reason
            FROM bonus_file_rows r JOIN workers w ON w.id = r.worker_id
            WHERE r.bonus_file_id = @id AND r.line > @line ORDER BY r.line LIMIT @limit
            """,
            new { id, line, limit });
        return rows.Select(r => new BonusToTell((int)r.Line, r.ChatId, r.Language, r.Active, r.Amount, r.Reason)).ToList();
    }

    /// <summary>The workers up to line <paramref name="line"/> were told: a resumed job starts after it.</summary>
    public Task SetToldAsync(long id, int line, CancellationToken ct = default) =>
        db.WriteAsync(c => c.ExecuteAsync("UPDATE bonus_files SET told_line = @line WHERE id = @id AND told_line < @line", new { id, line }), ct);

    private long Now => Clock.Ms(time.GetUtcNow());

    private static BonusFile? Map(Row? r) => r is null
        ? null
        : new BonusFile(r.Id, r.ProjectId, r.RequesterId, r.FileName, r.Sha256, (int)r.RowCount, r.Total, r.State, (int)r.ToldLine, Clock.At(r.CreatedAt));

    private sealed class TellRow
    {
        public long Line { get; set; }
        public long ChatId { get; set; }
        public string Language { get; set; } = "";
        public bool Active { get; set; }
        public long Amount { get; set; }
        public string Reason { get; set; } = "";
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public long ProjectId { get; set; }
        public long RequesterId { get; set; }
        public string FileName { get; set; } = "";
        public string Sha256 { get; set; } = "";
        public long RowCount { get; set; }
        public long Total { get; set; }
        public string State { get; set; } = "";
        public long ToldLine { get; set; }
        public long CreatedAt { get; set; }
    }
}
