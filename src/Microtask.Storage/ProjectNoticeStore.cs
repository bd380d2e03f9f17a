using Dapper;

namespace Microtask.Storage;

/// <summary>A requester's message to a project's workers as the fan-out reads it: its text, who wrote it, how far it has gone.</summary>
public sealed record ProjectNotice(
    long Id, long ProjectId, long RequesterChatId, string Language, string Text, string State, int Total, int Sent, int Skipped, long LastWorkerId);

/// <summary>One worker a message is for: their chat and language, and whether it may reach them now (not muted, blocked or banned).</summary>
public sealed record NoticeRecipient(long WorkerId, long ChatId, string Language, bool Reachable);

/// <summary>
/// Requesters' messages to the workers of a project (/notify): how many a requester sent since a time, each message
/// with the workers it is for, its fan-out's cursor, and the projects each worker muted.
/// </summary>
public sealed class ProjectNoticeStore(IDatabase db, TimeProvider time)
{
    private const string Columns = "id, project_id, requester_chat_id, language, text, state, total, sent, skipped, last_worker_id";

    public async Task<int> CountSinceAsync(long requesterId, DateTimeOffset since, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (int)await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM project_notices WHERE requester_id = @requesterId AND created_at >= @since", new { requesterId, since = Clock.Ms(since) });
    }

    /// <summary>
    /// A new message for <paramref name="workerIds"/> (null: every worker who answered the project), unless the requester
    /// sent <paramref name="perDay"/> since <paramref name="dayStart"/> already; its id, or null then. The count and the
    /// insert hold the requester's lock, so two at once cannot both pass the limit.
    /// </summary>
    public Task<long?> CreateAsync(
        long projectId, long requesterId, long requesterChatId, string language, string text, IReadOnlyList<long>? workerIds, DateTimeOffset dayStart, int perDay,
        CancellationToken ct = default) =>
        db.InTransactionAsync<long?>(
            async (c, tx) =>
            {
                await db.LockForTransactionAsync(c, tx, $"notices:{requesterId}");
                var sent = await c.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM project_notices WHERE requester_id = @requesterId AND created_at >= @since",
                    new { requesterId, since = Clock.Ms(dayStart) },
                    tx);
                if (sent >= perDay)
                {
                    return null;
                }

                var id = await c.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO project_notices (project_id, requester_id, requester_chat_id, language, text, total, created_at)
                    VALUES (@projectId, @requesterId, @requesterChatId, @language, @text, 0, @now) RETURNING id
                    """,
                    new { projectId, requesterId, requesterChatId, language, text, now = Clock.Ms(time.GetUtcNow()) },
                    tx);
                if (workerIds is null)
                {
                    await c.ExecuteAsync(
                        "INSERT INTO project_notice_recipients (notice_id, worker_id) SELECT DISTINCT @id, worker_id FROM answers WHERE project_id = @projectId",
                        new { id, projectId },
                        tx);
                }
                else
                {
                    await c.ExecuteAsync(
                        "INSERT INTO project_notice_recipients (notice_id, worker_id) VALUES (@id, @workerId)",
                        workerIds.Distinct().Select(workerId => new { id, workerId }),
                        tx);
                }

                await c.ExecuteAsync(
                    "UPDATE project_notices SET total = (SELECT COUNT(*) FROM project_notice_recipients WHERE notice_id = @id) WHERE id = @id", new { id }, tx);
                return id;
            },
            ct);

    public async Task<ProjectNotice?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var r = await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM project_notices WHERE id = @id", new { id });
        return r is null
            ? null
            : new ProjectNotice(r.Id, r.ProjectId, r.RequesterChatId, r.Language, r.Text, r.State, (int)r.Total, (int)r.Sent, (int)r.Skipped, r.LastWorkerId);
    }

    /// <summary>The message's next recipients after the cursor, in worker id order.</summary>
    public async Task<IReadOnlyList<NoticeRecipient>> RecipientsAfterAsync(long id, long projectId, long workerId, int limit, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<RecipientRow>(
            """
            SELECT w.id AS worker_id, w.telegram_id AS chat_id, w.language,
                   CASE WHEN w.consented = TRUE AND w.active = TRUE AND (w.banned_until IS NULL OR w.banned_until <= @now) AND m.worker_id IS NULL
                        THEN 1 ELSE 0 END AS reachable
            FROM project_notice_recipients r
            JOIN workers w ON w.id = r.worker_id
            LEFT JOIN project_mutes m ON m.worker_id = r.worker_id AND m.project_id = @projectId
            WHERE r.notice_id = @id AND r.worker_id > @workerId ORDER BY r.worker_id LIMIT @limit
            """,
            new { id, projectId, workerId, limit, now = Clock.Ms(time.GetUtcNow()) });
        return rows.Select(r => new NoticeRecipient(r.WorkerId, r.ChatId, r.Language, r.Reachable == 1)).ToList();
    }

    /// <summary>One recipient handled: the cursor moves past them, so a resumed fan-out does not send to them again.</summary>
    public Task RecordAsync(long id, long workerId, bool sent, CancellationToken ct = default) =>
        db.WriteAsync(
            c => c.ExecuteAsync(
                "UPDATE project_notices SET last_worker_id = @workerId, sent = sent + @s, skipped = skipped + @k WHERE id = @id AND last_worker_id < @workerId",
                new { id, workerId, s = sent ? 1 : 0, k = sent ? 0 : 1 }),
            ct);

    /// <summary>Running → done; true only for the call that ended it, so the requester is told once.</summary>
    public async Task<bool> FinishAsync(long id, CancellationToken ct = default) =>
        await db.WriteAsync(
            c => c.ExecuteAsync(
                "UPDATE project_notices SET state = 'done', finished_at = @now WHERE id = @id AND state = 'running'", new { id, now = Clock.Ms(time.GetUtcNow()) }),
            ct) == 1;

    /// <summary>Mutes or unmutes a project's messages for a worker; pressing either twice changes nothing more.</summary>
    public Task SetMutedAsync(long workerId, long projectId, bool muted, CancellationToken ct = default) =>
        db.WriteAsync(
            c => c.ExecuteAsync(
                muted
                    ? "INSERT INTO project_mutes (worker_id, project_id, created_at) VALUES (@workerId, @projectId, @now) ON CONFLICT (worker_id, project_id) DO NOTHING"
                    : "DELETE FROM project_mutes WHERE worker_id = @workerId AND project_id = @projectId",
                new { workerId, projectId, now = Clock.Ms(time.GetUtcNow()) }),
            ct);

    private sealed class Row
    {
        public long Id { get; set; }
        public long ProjectId { get; set; }
        public long RequesterChatId { get; set; }
        public string Language { get; set; } = "";
        public string Text { get; set; } = "";
        public string State { get; set; } = "";
        public long Total { get; set; }
        public long Sent { get; set; }
        public long Skipped { get; set; }
        public long LastWorkerId { get; set; }
    }

    private sealed class RecipientRow
    {
        public long WorkerId { get; set; }
        public long ChatId { get; set; }
        public string Language { get; set; } = "";
        public long Reachable { get; set; }
    }
}
