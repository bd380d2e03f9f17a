using System.Data.Common;
using Dapper;
using Microtask.Core.Quality;

namespace Microtask.Storage;

/// <summary>The quarantine itself: a gold task set aside, the records it touched recomputed, its suspensions weighed again.</summary>
public sealed partial class GoldDisputeStore
{
    /// <summary>
    /// Sets the task aside when its disputes and its answers make the case against its gold answer (see
    /// <see cref="GoldDispute.Against"/>): the gold answer moves to the quarantine and the task becomes an ordinary one,
    /// so no answer is scored against it any more (PostgreSQL's scoring after commit reads it again under this task's
    /// disputes' lock, shared). Null when the case is not made.
    /// </summary>
    /// <param name="actorId">The worker whose dispute made the case: the audit log's actor.</param>
    private static async Task<(QuarantinedGold, IReadOnlyList<LiftedSuspension>)?> QuarantineIfShownAsync(
        DbConnection c, DbTransaction tx, DisputeThresholds bar, long taskId, long projectId, long actorId, long now)
    {
        var args = new { taskId, projectId, now };
        // In good standing at the time of counting: neither banned nor suspended from the project now.
        var disputes = (int)await c.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) FROM gold_disputes d WHERE d.task_id = @taskId
              AND NOT EXISTS (SELECT 1 FROM bans b WHERE b.worker_id = d.worker_id AND (b.project_id IS NULL OR b.project_id = d.project_id) AND b.until > @now)
            """,
            args,
            tx);
        if (disputes < bar.Disputes || await c.ExecuteScalarAsync<string?>("SELECT gold_answer FROM tasks WHERE id = @taskId", args, tx) is not { } gold)
        {
            return null;
        }

        // The crowd's answers, but for those of workers banned or suspended by an admin; a suspension by the project's
        // own rules may be the faulty gold's doing, so those answers count.
        var answers = (await c.QueryAsync<string>(
            """
            SELECT a.value FROM answers a WHERE a.task_id = @taskId
              AND NOT EXISTS (
                  SELECT 1 FROM bans b WHERE b.worker_id = a.worker_id AND b.until > @now
                    AND (b.project_id IS NULL OR (b.project_id = a.project_id AND b.created_by IS NOT NULL)))
            """,
            args,
            tx)).ToList();
        if (GoldDispute.Against(gold, answers, disputes, bar) is not { } evidence)
        {
            return null;
        }

        await c.ExecuteAsync("UPDATE tasks SET gold_answer = NULL WHERE id = @taskId", args, tx);
        var scored = (await c.QueryAsync<ScoredRow>(
            "SELECT worker_id, gold_correct, created_at FROM answers WHERE task_id = @taskId AND gold_correct IS NOT NULL ORDER BY worker_id", args, tx)).ToList();
        await UncountAsync(c, tx, projectId, scored);
        await c.ExecuteAsync("UPDATE answers SET gold_correct = NULL WHERE task_id = @taskId", args, tx);

        var rules = (await c.QuerySingleAsync<StoredAnswerRow>($"SELECT {StoredAnswerRow.ProjectColumns} FROM projects p WHERE p.id = @projectId", args, tx)).Rules;
        var lifted = new List<LiftedSuspension>();
        foreach (var workerId in scored.Select(s => s.WorkerId).Distinct())
        {
            if (await LiftIfFaultyAsync(c, tx, rules, workerId, projectId, now) is { } suspension)
            {
                lifted.Add(suspension);
                await AuditAsync(c, tx, actorId, "gold.unsuspend", workerId, $"#{projectId}: {Task(taskId, projectId)} quarantined", now);
            }
        }

        await c.ExecuteAsync(
            """
            INSERT INTO gold_quarantine (task_id, project_id, gold_answer, crowd_answer, crowd_count, answers, disputes, lifted, created_at)
            VALUES (@taskId, @projectId, @gold, @CrowdAnswer, @CrowdCount, @Answers, @Disputes, @lifted, @now)
            """,
            new { taskId, projectId, gold, evidence.CrowdAnswer, evidence.CrowdCount, evidence.Answers, evidence.Disputes, lifted = lifted.Count, now },
            tx);
        await AuditAsync(
            c, tx, actorId, "gold.quarantine", null,
            $"{Task(taskId, projectId)}: gold «{gold}», crowd «{evidence.CrowdAnswer}» {evidence.CrowdCount}/{evidence.Answers}, {evidence.Disputes} disputes, {lifted.Count} suspensions lifted",
            now);
        return (new QuarantinedGold(taskId, projectId, gold, evidence, lifted.Count, null), lifted);
    }

    /// <summary>
    /// Takes the task's scored answers out of their workers' gold figures: the platform-wide ones, and the project's
    /// record unless it started afresh after the answer (a lifted suspension already cleared it).
    /// </summary>
    private static async Task UncountAsync(DbConnection c, DbTransaction tx, long projectId, IReadOnlyList<ScoredRow> scored)
    {
        var rows = scored.Select(s => new { s.WorkerId, projectId, right = s.GoldCorrect ? 1 : 0, s.CreatedAt }).ToList();
        await c.ExecuteAsync(
            """
            UPDATE workers SET gold_total = CASE WHEN gold_total > 0 THEN gold_total - 1 ELSE 0 END,
                gold_correct = CASE WHEN gold_correct >= @right THEN gold_correct - @right ELSE 0 END
            WHERE id = @WorkerId
            """,
            rows,
            tx);
        await c.ExecuteAsync(
            """
            UPDATE worker_quality SET gold_total = CASE WHEN gold_total > 0 THEN gold_total - 1 ELSE 0 END,
                gold_correct = CASE WHEN gold_correct >= @right THEN gold_correct - @right ELSE 0 END
            WHERE worker_id = @WorkerId AND project_id = @projectId AND (reset_at IS NULL OR reset_at <= @CreatedAt)
            """,
            rows,
            tx);
    }

    /// <summary>
    /// Lifts the worker's suspension from the project by its accuracy or qualification rule when the recomputed record
    /// would not earn it; a passed qualification is marked so. Null when there was none to lift.
    /// </summary>
    private static async Task<LiftedSuspension?> LiftIfFaultyAsync(DbConnection c, DbTransaction tx, QualityRules rules, long workerId, long projectId, long now)
    {
        var args = new { workerId, projectId, now };
        var suspension = await c.QueryFirstOrDefaultAsync<SuspensionRow>(
            """
            SELECT b.id, q.gold_correct, q.gold_total, q.fast_flags, q.qualified
            FROM bans b JOIN worker_quality q ON q.worker_id = b.worker_id AND q.project_id = b.project_id
            WHERE b.worker_id = @workerId AND b.project_id = @projectId AND b.until > @now
              AND b.created_by IS NULL AND b.rule IN ('accuracy', 'qualification')
            ORDER BY b.id DESC
            """,
            args,
            tx);
        if (suspension is null || GoldDispute.GoldRulesSuspend(rules, suspension.Record) is true)
        {
            return null;
        }

        await c.ExecuteAsync("UPDATE bans SET until = @now WHERE id = @Id", new { suspension.Id, now }, tx);
        var record = suspension.Record;
        if (rules.Qualification > 0 && !record.Qualified && record.GoldTotal >= rules.Qualification)
        {
            await c.ExecuteAsync("UPDATE worker_quality SET qualified = TRUE WHERE worker_id = @workerId AND project_id = @projectId", args, tx);
            record = record with { Qualified = true };
        }

        return new LiftedSuspension(workerId, record);
    }

    private sealed class ScoredRow
    {
        public long WorkerId { get; set; }
        public bool GoldCorrect { get; set; }
        public long CreatedAt { get; set; }
    }

    private sealed class SuspensionRow
    {
        public long Id { get; set; }
        public long GoldCorrect { get; set; }
        public long GoldTotal { get; set; }
        public long FastFlags { get; set; }
        public bool Qualified { get; set; }

        public QualityRecord Record => new((int)GoldCorrect, (int)GoldTotal, (int)FastFlags, Qualified);
    }
}
