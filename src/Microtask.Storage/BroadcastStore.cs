using Dapper;

namespace Microtask.Storage;

/// <summary>A broadcast as the fan-out reads it: its text, its admin's chat and language, how far it has gone.</summary>
public sealed record Broadcast(long Id, long AdminChatId, string Html, string Language, string State, int Total, int Sent, int Skipped, long LastWorkerId, long? ProgressId);

/// <summary>One worker a broadcast reaches: the cursor is the worker's id, the chat is the Telegram id.</summary>
public readonly record struct Recipient(long WorkerId, long ChatId);

/// <summary>
/// Broadcasts from preview to end, and who they reach: workers who agreed to the terms, have not blocked the bot
/// and are not banned. Each step is one conditional UPDATE, so a double press or a press on another instance
/// changes nothing twice.
/// </summary>
public sealed class BroadcastStore(IDatabase db, TimeProvider time)
{
    private const string Reachable = "consented = TRUE AND active = TRUE AND (banned_until IS NULL OR banned_until <= @now)";

    public async Task<int> CountRecipientsAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (int)await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM workers WHERE {Reachable}", new { now = Now });
    }

    /// <summary>The next recipients after the cursor, in id order.</summary>
    public async Task<IReadOnlyList<Recipient>> RecipientsAfterAsync(long workerId, int limit, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<(long Id, long TelegramId)>(
            $"SELECT id, telegram_id FROM workers WHERE id > @workerId AND {Reachable} ORDER BY id LIMIT @limit",
            new { workerId, limit, now = Now })).Select(r => new Recipient(r.Id, r.TelegramId)).ToList();
    }

    /// <summary>A new broadcast waiting for its admin's Confirm.</summary>
    public Task<long> CreateAsync(long adminId, long adminChatId, string html, string language, CancellationToken ct = default) =>
        db.WriteAsync(
            c => c.ExecuteScalarAsync<long>(
                """
                INSERT INTO broadcasts (admin_id, admin_chat_id, html, language, state, created_at)
                VALUES (@adminId, @adminChatId, @html, @language, 'preview', @now) RETURNING id
                """,
                new { adminId, adminChatId, html, language, now = Now }),
            ct);

    /// <summary>Preview → running, counting its recipients now; false unless it was this chat's preview.</summary>
    public async Task<bool> ConfirmAsync(long id, long adminChatId, CancellationToken ct = default) =>
        await db.WriteAsync(
            c => c.ExecuteAsync(
                $"""
                UPDATE broadcasts SET state = 'running', total = (SELECT COUNT(*) FROM workers WHERE {Reachable})
                WHERE id = @id AND admin_chat_id = @adminChatId AND state = 'preview'
                """,
                new { id, adminChatId, now = Now }),
            ct) == 1;

    /// <summary>Preview → cancelled; false unless it was this chat's preview.</summary>
    public async Task<bool> CancelAsync(long id, long adminChatId, CancellationToken ct = default) =>
        await db.WriteAsync(
            c => c.ExecuteAsync(
                "UPDATE broadcasts SET state = 'cancelled', finished_at = @now WHERE id = @id AND admin_chat_id = @adminChatId AND state = 'preview'",
                new { id, adminChatId, now = Now }),
            ct) == 1;

    /// <summary>Running → stopping: the fan-out stops before its next message; false when it is not running.</summary>
    public async Task<bool> StopAsync(long id, CancellationToken ct = default) =>
        await db.WriteAsync(c => c.ExecuteAsync("UPDATE broadcasts SET state = 'stopping' WHERE id = @id AND state = 'running'", new { id }), ct) == 1;

    public async Task<Broadcast?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var r = await c.QuerySingleOrDefaultAsync<Row>(
            "SELECT id, admin_chat_id, html, language, state, total, sent, skipped, last_worker_id, progress_id FROM broadcasts WHERE id = @id",
            new { id });
        return r is null ? null : new Broadcast(r.Id, r.AdminChatId, r.Html, r.Language, r.State, (int)r.Total, (int)r.Sent, (int)r.Skipped, r.LastWorkerId, r.ProgressId);
    }

    public Task SetProgressAsync(long id, long messageId, CancellationToken ct = default) =>
        db.WriteAsync(c => c.ExecuteAsync("UPDATE broadcasts SET progress_id = @messageId WHERE id = @id", new { id, messageId }), ct);

    /// <summary>One recipient handled: the cursor moves past them, so a resumed fan-out does not send to them again.</summary>
    public Task RecordAsync(long id, long workerId, bool sent, CancellationToken ct = default) =>
        db.WriteAsync(
            c => c.ExecuteAsync(
                "UPDATE broadcasts SET last_worker_id = @workerId, sent = sent + @s, skipped = skipped + @k WHERE id = @id",
                new { id, workerId, s = sent ? 1 : 0, k = sent ? 0 : 1 }),
            ct);

    /// <summary>Running → done, or stopping → stopped; the state it ended in, null when it had already ended.</summary>
    public Task<string?> FinishAsync(long id, CancellationToken ct = default) =>
        db.WriteAsync(
            c => c.ExecuteScalarAsync<string?>(
                """
                UPDATE broadcasts SET state = CASE state WHEN 'stopping' THEN 'stopped' ELSE 'done' END, finished_at = @now
                WHERE id = @id AND state IN ('running', 'stopping') RETURNING state
                """,
                new { id, now = Now }),
            ct);

    private long Now => Clock.Ms(time.GetUtcNow());

    private sealed class Row
    {
        public long Id { get; set; }
        public long AdminChatId { get; set; }
        public string Html { get; set; } = "";
        public string Language { get; set; } = "";
        public string State { get; set; } = "";
        public long Total { get; set; }
        public long Sent { get; set; }
        public long Skipped { get; set; }
        public long LastWorkerId { get; set; }
        public long? ProgressId { get; set; }
    }
}
