using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

/// <summary>What leaving answers out did to a project: the answers left out now, the slots offered again, those filled since.</summary>
/// <param name="Excluded">Answers of workers suspended from the project or banned, as the results leave them out now.</param>
/// <param name="Reopened">Slots offered again in their place (each excluded answer once, whatever bans came and went since).</param>
/// <param name="Recollected">Of those, the slots another worker has answered.</param>
public sealed record Exclusions(int Excluded, int Reopened, int Recollected);

/// <summary>
/// Slots offered again after a worker's answers leave a project's results: each such answer raises its task's overlap by
/// one, once, so another worker gives the answer the results lost. The budget pays those answers like any other (a
/// project that cannot pay waits, paused for its budget); the excluded answers stay paid, as they were accepted.
/// Runs outside the answer's transaction, one short transaction per answer: it never holds more than one task row.
/// </summary>
public sealed class ReopenedSlotStore(IDatabase db, TimeProvider time)
{
    /// <summary>
    /// The answers whose slot is to be offered again: the worker's, in a project that leaves suspended workers' answers
    /// out and is not closed, while a ban or a suspension from the project is in force, not offered again before, on a task
    /// that was not taken out of the pool (reported and removed, or its media refused). Parameters @now, and the scope's.
    /// </summary>
    private const string Excludable = $"""
        FROM answers a JOIN tasks t ON t.id = a.task_id JOIN projects p ON p.id = a.project_id
        WHERE p.exclude_suspended AND p.state <> 'Closed'
          AND EXISTS (SELECT 1 FROM bans b WHERE b.worker_id = a.worker_id AND b.until > @now AND (b.project_id IS NULL OR b.project_id = a.project_id))
          AND NOT EXISTS (SELECT 1 FROM reopened_slots r WHERE r.answer_id = a.id)
          AND NOT EXISTS (SELECT 1 FROM media_refusals m WHERE m.task_id = t.id)
          AND NOT EXISTS (SELECT 1 FROM reports rp WHERE rp.task_id = t.id AND rp.resolution = '{nameof(ReviewAction.RemoveTask)}')
        """;

    /// <summary>
    /// Offers again the slot of each of the worker's answers that the results leave out now, in
    /// <paramref name="projectId"/> or (null) in every project; how many slots it opened. Safe to run twice, and at once
    /// from two places: an answer's slot is offered again once.
    /// </summary>
    public async Task<int> ReopenAsync(long workerId, long? projectId, CancellationToken ct = default)
    {
        var now = Clock.Ms(time.GetUtcNow());
        List<long> answers;
        await using (var c = await db.OpenAsync(ct))
        {
            answers = [.. await c.QueryAsync<long>(
                $"SELECT a.id {Excludable} AND a.worker_id = @workerId{(projectId is null ? "" : " AND a.project_id = @projectId")} ORDER BY a.task_id",
                new { workerId, projectId, now })];
        }

        var opened = 0;
        foreach (var answerId in answers)
        {
            opened += await db.InTransactionAsync((c, tx) => ReopenOneAsync(c, tx, answerId, now), ct);
        }

        return opened;
    }

    /// <summary>
    /// One answer's slot: recorded, then its task's overlap raised (and a dynamic overlap's maximum with it: the answer no
    /// longer counts) and the answers that fill the slot noted (the overlap now), in one transaction. The conditions are read again
    /// inside it (a ban lifted meanwhile, another run first). A batch already reported complete is complete no more,
    /// so its requester hears again once the slot is filled.
    /// </summary>
    private static async Task<int> ReopenOneAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, long answerId, long now)
    {
        var taskId = await c.QuerySingleOrDefaultAsync<long?>(
            $"""
            INSERT INTO reopened_slots (answer_id, task_id, project_id, worker_id, created_at)
            SELECT a.id, a.task_id, a.project_id, a.worker_id, @now {Excludable} AND a.id = @answerId
            ON CONFLICT (answer_id) DO NOTHING
            RETURNING task_id
            """,
            new { answerId, now },
            tx);
        if (taskId is null)
        {
            return 0;
        }

        await c.ExecuteAsync(
            """
            UPDATE tasks SET overlap = overlap + 1, overlap_max = overlap_max + 1 WHERE id = @taskId;
            UPDATE reopened_slots SET filled_at_answers = (SELECT overlap FROM tasks WHERE id = @taskId) WHERE answer_id = @answerId;
            UPDATE batches SET completed_at = NULL WHERE completed_at IS NOT NULL AND id = (SELECT batch_id FROM tasks WHERE id = @taskId);
            """,
            new { taskId, answerId },
            tx);
        return 1;
    }

    /// <summary>The workers whose bans or suspensions in force cover <paramref name="projectId"/>: whose answers it leaves out now.</summary>
    public async Task<IReadOnlyList<long>> ExcludedWorkersAsync(long projectId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<long>(
            "SELECT DISTINCT worker_id FROM bans WHERE until > @now AND (project_id IS NULL OR project_id = @projectId) ORDER BY worker_id",
            new { projectId, now = Clock.Ms(time.GetUtcNow()) })];
    }

    /// <summary>The bans and suspensions in force that were imposed since <paramref name="since"/>: the worker, and the project (null: all).</summary>
    public async Task<IReadOnlyList<(long WorkerId, long? ProjectId)>> RecentBansAsync(DateTimeOffset since, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<(long, long?)>(
            "SELECT DISTINCT worker_id, project_id FROM bans WHERE until > @now AND created_at >= @since ORDER BY worker_id, project_id",
            new { since = Clock.Ms(since), now = Clock.Ms(time.GetUtcNow()) })];
    }

    /// <summary>The project's answers left out now (when <paramref name="leftOut"/>), its slots offered again, and those filled since.</summary>
    public async Task<Exclusions> ForProjectAsync(long projectId, bool leftOut, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var excluded = leftOut
            ? await c.ExecuteScalarAsync<long>(
                """
                SELECT COUNT(*) FROM answers WHERE project_id = @projectId AND worker_id IN (
                    SELECT b.worker_id FROM bans b WHERE b.until > @now AND (b.project_id = @projectId OR b.project_id IS NULL))
                """,
                new { projectId, now = Clock.Ms(time.GetUtcNow()) })
            : 0;

        // A slot is filled once its task's answers reach what they were raised to for it, whatever a dynamic overlap grew
        // to since (or, where /rules lowered the overlap below that, once the task has all it wants). Slots offered before
        // that was noted are a task's oldest: the answers beyond the overlap it had before all its slots fill them first.
        var row = await c.QuerySingleAsync<ReopenedRow>(
            """
            SELECT CAST(COALESCE(SUM(x.n), 0) AS bigint) AS reopened,
                   CAST(COALESCE(SUM(x.filled + CASE WHEN x.answers + x.n - x.overlap <= 0 THEN 0
                                                     WHEN x.answers + x.n - x.overlap >= x.legacy THEN x.legacy
                                                     ELSE x.answers + x.n - x.overlap END), 0) AS bigint) AS recollected
            FROM (SELECT COUNT(*) AS n, MAX(t.answers) AS answers, MAX(t.overlap) AS overlap,
                         SUM(CASE WHEN r.filled_at_answers IS NULL THEN 1 ELSE 0 END) AS legacy,
                         SUM(CASE WHEN r.filled_at_answers IS NOT NULL
                                   AND t.answers >= CASE WHEN r.filled_at_answers < t.overlap THEN r.filled_at_answers ELSE t.overlap END
                                  THEN 1 ELSE 0 END) AS filled
                  FROM reopened_slots r JOIN tasks t ON t.id = r.task_id
                  WHERE r.project_id = @projectId GROUP BY r.task_id) x
            """,
            new { projectId });
        return new Exclusions((int)excluded, (int)row.Reopened, (int)row.Recollected);
    }

    private sealed class ReopenedRow
    {
        public long Reopened { get; set; }
        public long Recollected { get; set; }
    }
}
