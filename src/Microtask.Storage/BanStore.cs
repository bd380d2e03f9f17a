using Dapper;

namespace Microtask.Storage;

/// <summary>A ban as admins see it: the whole platform (no project) or one project, until a moment.</summary>
public sealed record Ban(long Id, long? ProjectId, DateTimeOffset Until, string Reason, DateTimeOffset At)
{
    /// <summary>The quality rule that imposed it ("accuracy", "too_fast", "qualification"); null when an admin did.</summary>
    public string? Rule { get; init; }

    public bool Permanent => Until >= BanStore.Permanent;
}

/// <summary>
/// Bans and suspensions with scope and expiry. A platform ban's end is also kept on the worker (workers.banned_until),
/// so the router knows it from the worker it loads anyway; claims read the bans table itself.
/// </summary>
public sealed class BanStore(IDatabase db, TimeProvider time)
{
    /// <summary>"Until further notice": the last moment both backends store as unix milliseconds.</summary>
    public static readonly DateTimeOffset Permanent = DateTimeOffset.FromUnixTimeMilliseconds(253402300799000);

    /// <summary>Bans a worker from the platform (<paramref name="projectId"/> null) or suspends them from one project.</summary>
    public Task BanAsync(long workerId, long? projectId, DateTimeOffset until, string reason, long byWorkerId, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var args = new { workerId, projectId, until = Clock.Ms(until), reason, byWorkerId, now = Clock.Ms(time.GetUtcNow()) };
                await c.ExecuteAsync(
                    """
                    INSERT INTO bans (worker_id, project_id, until, reason, created_by, created_at)
                    VALUES (@workerId, @projectId, @until, @reason, @byWorkerId, @now)
                    """,
                    args,
                    tx);
                if (projectId is null)
                {
                    await c.ExecuteAsync("UPDATE workers SET banned_until = @until WHERE id = @workerId", args, tx);
                }

                return 0;
            },
            ct);

    /// <summary>Ends the worker's platform ban (or suspension from <paramref name="projectId"/>) now; false when none was in force.</summary>
    public Task<bool> LiftAsync(long workerId, long? projectId, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var args = new { workerId, projectId, now = Clock.Ms(time.GetUtcNow()) };
                await FreshStartAsync(c, tx, workerId, projectId is null ? "" : "AND project_id = @projectId", args);
                var lifted = await c.ExecuteAsync(
                    $"""
                    UPDATE bans SET until = @now
                    WHERE worker_id = @workerId AND {(projectId is null ? "project_id IS NULL" : "project_id = @projectId")} AND until > @now
                    """,
                    args,
                    tx);
                if (projectId is null)
                {
                    await c.ExecuteAsync("UPDATE workers SET banned_until = NULL WHERE id = @workerId", args, tx);
                }

                return lifted > 0;
            },
            ct);

    /// <summary>Ends every ban and suspension of the worker now (an appeal granted); false when none was in force.</summary>
    public Task<bool> LiftAllAsync(long workerId, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var args = new { workerId, now = Clock.Ms(time.GetUtcNow()) };
                await FreshStartAsync(c, tx, workerId, "", args);
                var lifted = await c.ExecuteAsync("UPDATE bans SET until = @now WHERE worker_id = @workerId AND until > @now", args, tx);
                await c.ExecuteAsync("UPDATE workers SET banned_until = NULL WHERE id = @workerId", args, tx);
                return lifted > 0;
            },
            ct);

    /// <summary>
    /// Before project suspensions are lifted: the worker's record on those projects starts afresh, so the rule that
    /// suspended them does not strike again at the next answer; a lifted qualification suspension lets the worker in.
    /// </summary>
    private static Task<int> FreshStartAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, long workerId, string scope, object args) =>
        c.ExecuteAsync(
            $"""
            UPDATE worker_quality SET gold_total = 0, gold_correct = 0, fast_flags = 0, reset_at = @now,
                qualified = qualified OR EXISTS (
                    SELECT 1 FROM bans b WHERE b.worker_id = worker_quality.worker_id AND b.project_id = worker_quality.project_id
                    AND b.until > @now AND b.rule = 'qualification')
            WHERE worker_id = @workerId
              AND project_id IN (SELECT project_id FROM bans WHERE worker_id = @workerId AND project_id IS NOT NULL AND until > @now {scope})
            """,
            args,
            tx);

    /// <summary>The worker's bans and suspensions, newest first.</summary>
    public async Task<IReadOnlyList<Ban>> ForWorkerAsync(long workerId, int limit, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<BanRow>(
            "SELECT id, project_id, until, reason, created_at, rule FROM bans WHERE worker_id = @workerId ORDER BY id DESC LIMIT @limit",
            new { workerId, limit });
        return rows.Select(r => r.ToBan()).ToList();
    }

    /// <summary>The worker's bans and suspensions in force now, newest first: what an appeal of theirs is against.</summary>
    public async Task<IReadOnlyList<Ban>> InForceAsync(long workerId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<BanRow>(
            "SELECT id, project_id, until, reason, created_at, rule FROM bans WHERE worker_id = @workerId AND until > @now ORDER BY id DESC",
            new { workerId, now = Clock.Ms(time.GetUtcNow()) });
        return rows.Select(r => r.ToBan()).ToList();
    }

    private sealed class BanRow
    {
        public long Id { get; set; }
        public long? ProjectId { get; set; }
        public long Until { get; set; }
        public string Reason { get; set; } = "";
        public long CreatedAt { get; set; }
        public string? Rule { get; set; }

        public Ban ToBan() => new(Id, ProjectId, Clock.At(Until), Reason, Clock.At(CreatedAt)) { Rule = Rule };
    }
}
