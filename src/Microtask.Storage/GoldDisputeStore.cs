using System.Data.Common;
using Dapper;
using Microtask.Core.Quality;

namespace Microtask.Storage;

/// <summary>What became of a worker's dispute of a gold answer.</summary>
public enum DisputeOutcome
{
    /// <summary>Recorded; with enough disputes and a crowd against the gold, the task was also set aside.</summary>
    Recorded,

    /// <summary>The worker disputed this task before.</summary>
    AlreadyDisputed,

    /// <summary>Not a gold task, or the worker's answer was not marked wrong against it.</summary>
    NothingToDispute,

    /// <summary>The assignment is not one the worker answered.</summary>
    NotAnswered,

    /// <summary>The worker is suspended from the project or banned.</summary>
    Suspended,

    /// <summary>The task was set aside already: its requester has it, or has decided.</summary>
    AlreadyReviewed,
}

/// <summary>A gold task set aside, as the quarantine keeps it.</summary>
/// <param name="Lifted">How many suspensions the faulty gold alone caused were lifted with it.</param>
/// <param name="Decision">"kept" or "changed" once its requester decided; null until then.</param>
public sealed record QuarantinedGold(long TaskId, long ProjectId, string Gold, GoldDispute Evidence, int Lifted, string? Decision);

/// <summary>A worker whose suspension from a project was lifted because a quarantined gold answer alone caused it.</summary>
public sealed record LiftedSuspension(long WorkerId, QualityRecord Record);

/// <summary>A dispute's outcome, and what it set aside when it was the one that made the case.</summary>
public sealed record DisputeResult(DisputeOutcome Outcome, QuarantinedGold? Quarantined = null, IReadOnlyList<LiftedSuspension>? Lifted = null);

/// <summary>
/// Workers' disputes of gold answers, and the quarantine of a gold task they and its crowd show to be wrong: the task
/// stops counting, the records it touched are recomputed without it, the suspensions it alone caused are lifted, and
/// its requester keeps the gold answer or changes it. Each step is one transaction, audited.
/// </summary>
/// <param name="thresholds">What sets a task aside; <see cref="DisputeThresholds.Default"/> when none are given.</param>
public sealed partial class GoldDisputeStore(IDatabase db, TimeProvider time, DisputeThresholds? thresholds = null)
{
    private readonly DisputeThresholds bar = thresholds ?? DisputeThresholds.Default;

    /// <summary>What sets a task aside here.</summary>
    public DisputeThresholds Thresholds => bar;

    /// <summary>
    /// Records the worker's dispute of the gold answer they were marked wrong against on <paramref name="assignmentId"/>'s
    /// task; when it brings the disputes of workers in good standing to the thresholds' count and the
    /// task's answers agree on another value, sets the task aside in the same transaction.
    /// </summary>
    public Task<DisputeResult> DisputeAsync(long assignmentId, long workerId, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var now = Clock.Ms(time.GetUtcNow());
                if (await c.QuerySingleOrDefaultAsync<AnswerRow>(
                        "SELECT task_id, project_id, gold_correct FROM answers WHERE assignment_id = @assignmentId AND worker_id = @workerId",
                        new { assignmentId, workerId },
                        tx) is not { } answer)
                {
                    return new DisputeResult(DisputeOutcome.NotAnswered);
                }

                // Disputes of one task take turns, so the one that makes the case sees all the others.
                await db.LockForTransactionAsync(c, tx, $"gold-dispute:{answer.TaskId}");
                var args = new { answer.TaskId, answer.ProjectId, workerId, now };
                var outcome = await c.QuerySingleAsync<StateRow>(
                    $"""
                    SELECT
                        (SELECT COUNT(*) FROM bans b WHERE b.worker_id = @workerId AND (b.project_id IS NULL OR b.project_id = @ProjectId) AND b.until > @now) AS banned,
                        (SELECT COUNT(*) FROM gold_disputes WHERE task_id = @TaskId AND worker_id = @workerId) AS disputed,
                        (SELECT COUNT(*) FROM gold_quarantine WHERE task_id = @TaskId) AS quarantined,
                        (SELECT COUNT(*) FROM tasks WHERE id = @TaskId AND gold_answer IS NOT NULL) AS gold
                    """,
                    args,
                    tx);
                var refusal = outcome switch
                {
                    { Banned: > 0 } => DisputeOutcome.Suspended,
                    { Disputed: > 0 } => DisputeOutcome.AlreadyDisputed,
                    { Quarantined: > 0 } => DisputeOutcome.AlreadyReviewed,
                    { Gold: 0 } => DisputeOutcome.NothingToDispute,
                    _ when answer.GoldCorrect is not false => DisputeOutcome.NothingToDispute,
                    _ => DisputeOutcome.Recorded,
                };
                if (refusal != DisputeOutcome.Recorded)
                {
                    return new DisputeResult(refusal);
                }

                await c.ExecuteAsync(
                    "INSERT INTO gold_disputes (task_id, worker_id, project_id, created_at) VALUES (@TaskId, @workerId, @ProjectId, @now)", args, tx);
                await AuditAsync(c, tx, workerId, "gold.dispute", null, Task(answer.TaskId, answer.ProjectId), now);
                return await QuarantineIfShownAsync(c, tx, bar, answer.TaskId, answer.ProjectId, workerId, now) is var (quarantined, lifted)
                    ? new DisputeResult(DisputeOutcome.Recorded, quarantined, lifted)
                    : new DisputeResult(DisputeOutcome.Recorded);
            },
            ct);

    /// <summary>A quarantined gold task, decided or not; null when the task was never set aside.</summary>
    public async Task<QuarantinedGold?> FindAsync(long taskId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<QuarantineRow>(
            "SELECT task_id, project_id, gold_answer, crowd_answer, crowd_count, answers, disputes, lifted, decision FROM gold_quarantine WHERE task_id = @taskId",
            new { taskId });
        return row?.ToQuarantined();
    }

    /// <summary>
    /// The requester's word on a quarantined task: <paramref name="keep"/> restores its gold answer, else the crowd's
    /// becomes its gold answer; either way for the answers still to come. False when it was decided already.
    /// </summary>
    public Task<bool> DecideAsync(long taskId, bool keep, long requesterId, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var now = Clock.Ms(time.GetUtcNow());
                var decision = keep ? "kept" : "changed";
                var row = await c.QuerySingleOrDefaultAsync<QuarantineRow>(
                    $"""
                    UPDATE gold_quarantine SET decision = @decision, decided_by = @requesterId, decided_at = @now
                    WHERE task_id = @taskId AND decision IS NULL
                    RETURNING task_id, project_id, gold_answer, crowd_answer, crowd_count, answers, disputes, lifted, decision
                    """,
                    new { taskId, decision, requesterId, now },
                    tx);
                if (row is null)
                {
                    return false;
                }

                var gold = keep ? row.GoldAnswer : row.CrowdAnswer;
                await c.ExecuteAsync("UPDATE tasks SET gold_answer = @gold WHERE id = @taskId", new { gold, taskId }, tx);
                await AuditAsync(c, tx, requesterId, $"gold.{(keep ? "keep" : "change")}", null, $"{Task(taskId, row.ProjectId)}: «{gold}»", now);
                return true;
            },
            ct);

    /// <summary>"task 12 of #3", as the audit log names a task.</summary>
    private static string Task(long taskId, long projectId) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"task {taskId} of #{projectId}");

    private static Task<int> AuditAsync(DbConnection c, DbTransaction tx, long actorId, string action, long? targetId, string detail, long now) =>
        c.ExecuteAsync(
            "INSERT INTO audit_log (actor_id, action, target_id, detail, created_at) VALUES (@actorId, @action, @targetId, @detail, @now)",
            new { actorId, action, targetId, detail, now },
            tx);

    private sealed class AnswerRow
    {
        public long TaskId { get; set; }
        public long ProjectId { get; set; }
        public bool? GoldCorrect { get; set; }
    }

    private sealed class StateRow
    {
        public long Banned { get; set; }
        public long Disputed { get; set; }
        public long Quarantined { get; set; }
        public long Gold { get; set; }
    }

    private sealed class QuarantineRow
    {
        public long TaskId { get; set; }
        public long ProjectId { get; set; }
        public string GoldAnswer { get; set; } = "";
        public string CrowdAnswer { get; set; } = "";
        public long CrowdCount { get; set; }
        public long Answers { get; set; }
        public long Disputes { get; set; }
        public long Lifted { get; set; }
        public string? Decision { get; set; }

        public QuarantinedGold ToQuarantined() =>
            new(TaskId, ProjectId, GoldAnswer, new GoldDispute(CrowdAnswer, (int)CrowdCount, (int)Answers, (int)Disputes), (int)Lifted, Decision);
    }
}
