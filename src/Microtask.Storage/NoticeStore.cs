using Dapper;

namespace Microtask.Storage;

/// <summary>One project's day for a requester's digest.</summary>
public sealed record DigestLine(long Id, string Title, string State, long Tasks, long TasksDone, long AnswersToday, long? Budget);

/// <summary>The platform's day for the admins' summary.</summary>
public sealed record PlatformDay(long ActiveWorkers, long Answers, long Reports, long OpenSlots, long LiveLeases, long ProjectsOutOfBudget);

/// <summary>Daily notices: who asked for a digest, what goes in it and in the admins' summary, and what was already sent.</summary>
public sealed class NoticeStore(IDatabase db, TimeProvider time)
{
    /// <summary>Turns a requester's daily digest on or off.</summary>
    public Task SetDigestAsync(long workerId, bool on, CancellationToken ct = default) =>
        db.InTransactionAsync(
            (c, tx) => c.ExecuteAsync(
                on
                    ? "INSERT INTO digests (worker_id, created_at) VALUES (@workerId, @now) ON CONFLICT (worker_id) DO NOTHING"
                    : "DELETE FROM digests WHERE worker_id = @workerId",
                new { workerId, now = Clock.Ms(time.GetUtcNow()) },
                tx),
            ct);

    public async Task<bool> WantsDigestAsync(long workerId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>("SELECT worker_id FROM digests WHERE worker_id = @workerId", new { workerId }) is not null;
    }

    /// <summary>The workers (ids) who asked for a digest.</summary>
    public async Task<IReadOnlyList<long>> DigestSubscribersAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<long>("SELECT worker_id FROM digests ORDER BY worker_id")).ToList();
    }

    /// <summary>
    /// Claims the right to send one daily notice: true the first time for this kind, recipient and day, false after,
    /// so a job that runs twice (a retry, two instances) sends once.
    /// </summary>
    public Task<bool> ClaimAsync(string kind, long recipient, string day, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) => await c.ExecuteAsync(
                """
                INSERT INTO notices_sent (kind, recipient, day, sent_at) VALUES (@kind, @recipient, @day, @now)
                ON CONFLICT (kind, recipient, day) DO NOTHING
                """,
                new { kind, recipient, day, now = Clock.Ms(time.GetUtcNow()) },
                tx) == 1,
            ct);

    /// <summary>Gives back a claim whose notice could not be sent, so the next run tries again.</summary>
    public Task UnclaimAsync(string kind, long recipient, string day, CancellationToken ct = default) =>
        db.InTransactionAsync(
            (c, tx) => c.ExecuteAsync(
                "DELETE FROM notices_sent WHERE kind = @kind AND recipient = @recipient AND day = @day", new { kind, recipient, day }, tx),
            ct);

    /// <summary>The requester's projects that are not closed, with today's answers (since <paramref name="since"/>).</summary>
    public async Task<IReadOnlyList<DigestLine>> DigestAsync(long requesterId, DateTimeOffset since, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<DigestRow>(
            """
            SELECT p.id, p.title, p.state, p.budget,
                   (SELECT COUNT(*) FROM tasks t WHERE t.project_id = p.id) AS tasks,
                   (SELECT COUNT(*) FROM tasks t WHERE t.project_id = p.id AND t.answers >= t.overlap) AS tasks_done,
                   (SELECT COUNT(*) FROM answers a WHERE a.project_id = p.id AND a.created_at >= @since) AS answers_today
            FROM projects p WHERE p.requester_id = @requesterId AND p.state <> 'Closed' ORDER BY p.id
            """,
            new { requesterId, since = Clock.Ms(since) });
        return rows.Select(r => new DigestLine(r.Id, r.Title, r.State, r.Tasks, r.TasksDone, r.AnswersToday, r.Budget)).ToList();
    }

    public async Task<PlatformDay> PlatformDayAsync(DateTimeOffset since, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleAsync<PlatformDay>(
            """
            SELECT (SELECT COUNT(DISTINCT worker_id) FROM answers WHERE created_at >= @since) AS active_workers,
                   (SELECT COUNT(*) FROM answers WHERE created_at >= @since) AS answers,
                   (SELECT COUNT(*) FROM reports WHERE created_at >= @since) AS reports,
                   (SELECT COALESCE(SUM(t.overlap - t.answers - t.leases), 0) FROM tasks t JOIN projects p ON p.id = t.project_id
                    WHERE p.state = 'Active') AS open_slots,
                   (SELECT COUNT(*) FROM assignments WHERE state = 'active') AS live_leases,
                   (SELECT COUNT(*) FROM projects WHERE state = 'Paused' AND paused_by = 'budget') AS projects_out_of_budget
            """,
            new { since = Clock.Ms(since) });
    }

    private sealed class DigestRow
    {
        public long Id { get; set; }
        public string Title { get; set; } = "";
        public string State { get; set; } = "";
        public long? Budget { get; set; }
        public long Tasks { get; set; }
        public long TasksDone { get; set; }
        public long AnswersToday { get; set; }
    }
}
