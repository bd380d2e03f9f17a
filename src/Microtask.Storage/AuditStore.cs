using Dapper;

namespace Microtask.Storage;

/// <summary>One admin action as the audit log keeps it.</summary>
public sealed record AuditEntry(long Id, long ActorTelegramId, string ActorName, string Action, long? TargetTelegramId, string? TargetName, string Detail, DateTimeOffset At);

/// <summary>The audit log: every admin action (who, what, to whom, why, when), written once, never changed.</summary>
public sealed class AuditStore(IDatabase db, TimeProvider time)
{
    /// <param name="actorId">Our worker id of the admin.</param>
    /// <param name="targetId">Our worker id of the user acted on, if any.</param>
    /// <param name="detail">The rest: a reason, a duration, a project, an amount.</param>
    public Task WriteAsync(long actorId, string action, long? targetId, string detail, CancellationToken ct = default) =>
        db.InTransactionAsync(
            (c, tx) => c.ExecuteAsync(
                "INSERT INTO audit_log (actor_id, action, target_id, detail, created_at) VALUES (@actorId, @action, @targetId, @detail, @now)",
                new { actorId, action, targetId, detail, now = Clock.Ms(time.GetUtcNow()) },
                tx),
            ct);

    /// <summary>The latest entries, newest first; only those about <paramref name="targetId"/> when given.</summary>
    public async Task<IReadOnlyList<AuditEntry>> LatestAsync(long? targetId, int limit, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<AuditRow>(
            $"""
            SELECT l.id, a.telegram_id AS actor_telegram_id, a.name AS actor_name, l.action, t.telegram_id AS target_telegram_id,
                   t.name AS target_name, l.detail, l.created_at
            FROM audit_log l JOIN workers a ON a.id = l.actor_id LEFT JOIN workers t ON t.id = l.target_id
            {(targetId is null ? "" : "WHERE l.target_id = @targetId")}
            ORDER BY l.id DESC LIMIT @limit
            """,
            new { targetId, limit });
        return rows.Select(r => new AuditEntry(r.Id, r.ActorTelegramId, r.ActorName, r.Action, r.TargetTelegramId, r.TargetName, r.Detail, Clock.At(r.CreatedAt))).ToList();
    }

    private sealed class AuditRow
    {
        public long Id { get; set; }
        public long ActorTelegramId { get; set; }
        public string ActorName { get; set; } = "";
        public string Action { get; set; } = "";
        public long? TargetTelegramId { get; set; }
        public string? TargetName { get; set; }
        public string Detail { get; set; } = "";
        public long CreatedAt { get; set; }
    }
}
