using System.Data.Common;
using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

public sealed partial class AnswerStore
{
    private const int ScoringRetries = 3;

    /// <summary>
    /// PostgreSQL: close the lease, count the answer, store it and move the reward through the ledger in one
    /// statement committed on its own, so the task row (shared by the task's overlap) and the project's row (every
    /// answer draws on its budget) are locked for one statement, not across round trips. A gold or too-fast answer is
    /// then scored and judged in a transaction of its own (<see cref="ScoreAsync"/>), and the worker is told what that
    /// transaction stored, so the feedback and the stored score cannot disagree.
    /// </summary>
    /// <remarks>
    /// The scoring once ran inside the answer's transaction, which held the project's row until the COMMIT: four more
    /// round trips for a gold answer, and every other answer to the project queued behind it (with a tenth of the tasks
    /// gold, the load tool measured the submit at 6.7 ms against 2.3 ms without gold, and a third fewer answers per
    /// second). The price of the split: an instance killed between the two commits leaves that one answer stored and
    /// paid but unscored (its redelivery finds it answered), one gold sample short in the worker's record.
    /// </remarks>
    private Task<SubmitResult> SubmitInOneStatementAsync(long assignmentId, long workerId, string answer, DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync(c => SubmitInOneStatementAsync(c, assignmentId, workerId, answer, now), ct);

    private async Task<SubmitResult> SubmitInOneStatementAsync(DbConnection c, long assignmentId, long workerId, string answer, DateTimeOffset now)
    {
        var ms = Clock.Ms(now);
        var row = await c.QuerySingleOrDefaultAsync<GoldRow>(
            $"""
            WITH closed AS (
                UPDATE assignments SET state = 'submitted', finished_at = @ms
                WHERE id = @assignmentId AND worker_id = @workerId AND state = 'active' AND expires_at > @ms
                RETURNING task_id, created_at),
            task AS (
                UPDATE tasks t SET answers = t.answers + 1, leases = t.leases - 1 FROM closed WHERE t.id = closed.task_id
                RETURNING t.id, t.project_id, t.gold_answer, t.batch_id, t.answers >= t.overlap AS filled),
            reward AS (SELECT {ProjectRules} FROM projects p JOIN task ON p.id = task.project_id),
            spent AS (
                {SpendBudget} FROM task WHERE p.id = task.project_id
                AND p.budget IS NOT NULL AND p.reward > 0
                RETURNING {RanOut}),
            answer AS (
                INSERT INTO answers (task_id, project_id, worker_id, assignment_id, value, gold_correct, created_at)
                SELECT id, project_id, @workerId, @assignmentId, @answer, NULL, @ms FROM task
                RETURNING id, project_id),
            entries AS (
                INSERT INTO ledger (account, amount, answer_id, created_at)
                SELECT e.account, e.amount, answer.id, @ms
                FROM answer, reward, LATERAL (VALUES ('project:' || answer.project_id, -reward.reward), ('worker:' || @workerId, reward.reward)) AS e (account, amount)
                WHERE reward.reward > 0),
            credited AS (
                UPDATE workers SET balance = balance + reward.reward FROM reward WHERE workers.id = @workerId)
            SELECT task.gold_answer, reward.*, task.project_id, task.batch_id, task.filled, COALESCE((SELECT ran_out FROM spent), FALSE) AS ran_out,
                   (SELECT budget_left FROM spent) AS budget_left, (SELECT created_at FROM closed) AS claimed_at
            FROM task, reward
            """,
            new { assignmentId, workerId, answer, ms });
        if (row is null)
        {
            return new SubmitResult(await WhyRefusedAsync(c, null, assignmentId, workerId));
        }

        var accepted = Accepted(answer, row);
        if (!IsScored(accepted, row, ms))
        {
            return accepted;
        }

        // The answer is committed: from here on nothing may make the caller submit it again (it would read "already
        // answered" and the notices it carries would be lost), so no cancellation and no exception: a conflict retries
        // the scoring alone, and anything else leaves the answer unscored, with no feedback that was not stored.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scoring = await c.BeginTransactionAsync(CancellationToken.None);
                var scored = await ScoreAsync(c, scoring, accepted, row, row.ProjectId, assignmentId, workerId, ms);
                await scoring.CommitAsync(CancellationToken.None);
                return scored;
            }
            catch (DbException e) when (Conflicts.IsConflict(e) && attempt < ScoringRetries)
            {
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException or IOException)
            {
                return accepted with { GoldAnswer = null, NotScored = $"{e.GetType().Name} on try {attempt}" };
            }
        }
    }
}
