using Dapper;

namespace Microtask.Storage;

/// <summary>A project's webhook. Its secret signs the posts; <see cref="ToString"/> leaves it (and the URL's path) out.</summary>
public sealed record Webhook(long ProjectId, string Url, string Secret, DateTimeOffset CreatedAt)
{
    /// <summary>Failed attempts in a row.</summary>
    public int Failures { get; init; }

    /// <summary>The last failed attempt's error ("http:500", "timeout", …) and its time.</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    public DateTimeOffset? LastDeliveredAt { get; init; }

    /// <summary>Events waiting to be posted, and those given up after their last attempt since the webhook was set.</summary>
    public int Pending { get; init; }

    public int GivenUp { get; init; }

    public override string ToString() => $"webhook of project {ProjectId} to {(Uri.TryCreate(Url, UriKind.Absolute, out var u) ? u.Host : "?")}";
}

/// <summary>One event claimed for one attempt (its number is <see cref="Attempt"/>): the body exactly as it is posted.</summary>
public sealed record WebhookDelivery(long Id, long ProjectId, string EventId, string Type, string Body, int Attempt);

/// <summary>
/// The requesters' webhooks and the outbox of their events. Each event is recorded once; an attempt claims its row
/// atomically (so two instances never post it at once), and a 2xx ends it for good.
/// </summary>
public sealed class WebhookStore(IDatabase db, TimeProvider time)
{
    /// <summary>Sets (or replaces) the project's webhook, starting its failure count afresh; true when it replaced one.</summary>
    public Task<bool> SetAsync(long projectId, string url, string secret, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var replaced = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM webhooks WHERE project_id = @projectId", new { projectId }, tx) > 0;
                await c.ExecuteAsync(
                    """
                    INSERT INTO webhooks (project_id, url, secret, created_at) VALUES (@projectId, @url, @secret, @now)
                    ON CONFLICT (project_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, created_at = excluded.created_at,
                        failures = 0, last_error = NULL, last_error_at = NULL, last_delivered_at = NULL, noticed_at = NULL
                    """,
                    new { projectId, url, secret, now = Now() },
                    tx);
                return replaced;
            },
            ct);

    /// <summary>Removes the project's webhook; its events still waiting are dropped. False when it had none.</summary>
    public Task<bool> RemoveAsync(long projectId, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                if (await c.ExecuteAsync("DELETE FROM webhooks WHERE project_id = @projectId", new { projectId }, tx) == 0)
                {
                    return false;
                }

                await c.ExecuteAsync(
                    "UPDATE webhook_events SET state = 'dropped', claimed_until = NULL, finished_at = @now WHERE project_id = @projectId AND state = 'pending'",
                    new { projectId, now = Now() },
                    tx);
                return true;
            },
            ct);

    /// <summary>The project's webhook with its counts, or null when it has none.</summary>
    public async Task<Webhook?> FindAsync(long projectId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<WebhookRow>(
            """
            SELECT w.project_id, w.url, w.secret, w.created_at, w.failures, w.last_error, w.last_error_at, w.last_delivered_at,
                   (SELECT COUNT(*) FROM webhook_events e WHERE e.project_id = w.project_id AND e.state = 'pending') AS pending,
                   (SELECT COUNT(*) FROM webhook_events e WHERE e.project_id = w.project_id AND e.state = 'failed' AND e.created_at >= w.created_at) AS given_up
            FROM webhooks w WHERE w.project_id = @projectId
            """,
            new { projectId });
        return row is null ? null : new Webhook(row.ProjectId, row.Url, row.Secret, Clock.At(row.CreatedAt))
        {
            Failures = (int)row.Failures,
            LastError = row.LastError,
            LastErrorAt = row.LastErrorAt is { } failed ? Clock.At(failed) : null,
            LastDeliveredAt = row.LastDeliveredAt is { } delivered ? Clock.At(delivered) : null,
            Pending = (int)row.Pending,
            GivenUp = (int)row.GivenUp,
        };
    }

    /// <summary>Records an event for the project's webhook, due now; its row id, or null when the project has no webhook.</summary>
    public Task<long?> RecordAsync(long projectId, string eventId, string type, string body, CancellationToken ct = default) =>
        db.InTransactionAsync(
            (c, tx) => c.ExecuteScalarAsync<long?>(
                """
                INSERT INTO webhook_events (project_id, event_id, type, body, created_at, next_attempt_at)
                SELECT project_id, @eventId, @type, @body, @now, @now FROM webhooks WHERE project_id = @projectId
                RETURNING id
                """,
                new { projectId, eventId, type, body, now = Now() },
                tx),
            ct);

    /// <summary>
    /// Claims a due event for one attempt, held for <paramref name="hold"/> (longer than the attempt may take): null when
    /// it is delivered, given up, not due yet, or being attempted elsewhere right now.
    /// </summary>
    public Task<WebhookDelivery?> ClaimAsync(long id, TimeSpan hold, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var now = time.GetUtcNow();
                var row = await c.QuerySingleOrDefaultAsync<DeliveryRow>(
                    """
                    UPDATE webhook_events SET attempts = attempts + 1, claimed_until = @until
                    WHERE id = @id AND state = 'pending' AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now)
                    RETURNING id, project_id, event_id, type, body, attempts
                    """,
                    new { id, now = Clock.Ms(now), until = Clock.Ms(now + hold) },
                    tx);
                return row is null ? null : new WebhookDelivery(row.Id, row.ProjectId, row.EventId, row.Type, row.Body, (int)row.Attempts);
            },
            ct);

    /// <summary>
    /// The receiver answered 2xx: the event is delivered for good, and the webhook's run of failures ends. So too when
    /// a later attempt has claimed the event meanwhile (this one outlived its claim): a 2xx is a 2xx.
    /// </summary>
    public Task DeliveredAsync(WebhookDelivery delivery, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var args = new { delivery.Id, delivery.ProjectId, now = Now() };
                await c.ExecuteAsync(
                    "UPDATE webhook_events SET state = 'delivered', claimed_until = NULL, finished_at = @now WHERE id = @Id AND state = 'pending'",
                    args,
                    tx);
                await c.ExecuteAsync("UPDATE webhooks SET failures = 0, noticed_at = NULL, last_delivered_at = @now WHERE project_id = @ProjectId", args, tx);
                return 0;
            },
            ct);

    /// <summary>
    /// The attempt failed with <paramref name="error"/>: the event is tried again at <paramref name="retryAt"/>, or given
    /// up when that is null. The webhook counts one more failure in a row; the number of them when this failure is the
    /// one to tell the requester of (the run reached <paramref name="noticeAfter"/>, and no one was told of it yet), else null.
    /// </summary>
    public Task<int?> FailedAsync(WebhookDelivery delivery, string error, DateTimeOffset? retryAt, int noticeAfter, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var now = Now();
                var args = new
                {
                    delivery.Id,
                    delivery.ProjectId,
                    attempt = delivery.Attempt,
                    error,
                    now,
                    state = retryAt is null ? "failed" : "pending",
                    next = retryAt is { } at ? Clock.Ms(at) : now,
                    finished = retryAt is null ? now : (long?)null,
                    noticeAfter,
                };
                if (await c.ExecuteAsync(
                    """
                    UPDATE webhook_events SET state = @state, next_attempt_at = @next, claimed_until = NULL, last_error = @error, finished_at = @finished
                    WHERE id = @Id AND attempts = @attempt AND state = 'pending'
                    """,
                    args,
                    tx) == 0)
                {
                    return null; // a later attempt has it (this one outlived its claim), or it was delivered or dropped
                }

                await c.ExecuteAsync(
                    "UPDATE webhooks SET failures = failures + 1, last_error = @error, last_error_at = @now WHERE project_id = @ProjectId", args, tx);
                return await c.ExecuteScalarAsync<int?>(
                    "UPDATE webhooks SET noticed_at = @now WHERE project_id = @ProjectId AND failures >= @noticeAfter AND noticed_at IS NULL RETURNING failures",
                    args,
                    tx);
            },
            ct);

    /// <summary>The project's webhook is gone: the claimed event will not be posted.</summary>
    public Task DroppedAsync(WebhookDelivery delivery, CancellationToken ct = default) =>
        db.InTransactionAsync(
            (c, tx) => c.ExecuteAsync(
                "UPDATE webhook_events SET state = 'dropped', claimed_until = NULL, finished_at = @now WHERE id = @Id AND state = 'pending'",
                new { delivery.Id, now = Now() },
                tx),
            ct);

    /// <summary>Events due since <paramref name="before"/> and not being attempted, oldest due first: those whose job was lost.</summary>
    public async Task<IReadOnlyList<long>> DueAsync(DateTimeOffset before, int limit, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<long>(
            """
            SELECT id FROM webhook_events
            WHERE state = 'pending' AND next_attempt_at <= @before AND (claimed_until IS NULL OR claimed_until <= @now)
            ORDER BY next_attempt_at LIMIT @limit
            """,
            new { before = Clock.Ms(before), now = Now(), limit })).ToList();
    }

    private long Now() => Clock.Ms(time.GetUtcNow());

    private sealed class WebhookRow
    {
        public long ProjectId { get; set; }
        public string Url { get; set; } = "";
        public string Secret { get; set; } = "";
        public long CreatedAt { get; set; }
        public long Failures { get; set; }
        public string? LastError { get; set; }
        public long? LastErrorAt { get; set; }
        public long? LastDeliveredAt { get; set; }
        public long Pending { get; set; }
        public long GivenUp { get; set; }
    }

    private sealed class DeliveryRow
    {
        public long Id { get; set; }
        public long ProjectId { get; set; }
        public string EventId { get; set; } = "";
        public string Type { get; set; } = "";
        public string Body { get; set; } = "";
        public long Attempts { get; set; }
    }
}
