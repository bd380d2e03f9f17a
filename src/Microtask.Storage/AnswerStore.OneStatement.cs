using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

public sealed partial class AnswerStore
{
    /// <summary>
    /// PostgreSQL: the whole submit — close the lease, count the answer, store it, score gold, move the reward
    /// through the ledger — as one statement, so the task row (shared by the task's overlap) is locked only for
    /// it. Gold comparison normalises as <see cref="AnswerRules.Normalize"/> does: trimmed, lower case, single spaces.
    /// </summary>
    private async Task<SubmitResult> SubmitInOneStatementAsync(long assignmentId, long workerId, string answer, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<GoldRow>(
            """
            WITH closed AS (
                UPDATE assignments SET state = 'submitted', finished_at = @ms
                WHERE id = @assignmentId AND worker_id = @workerId AND state = 'active' AND expires_at > @ms
                RETURNING task_id),
            task AS (
                UPDATE tasks t SET answers = t.answers + 1, leases = t.leases - 1 FROM closed WHERE t.id = closed.task_id
                RETURNING t.id, t.project_id, t.gold_answer,
                    CASE WHEN t.gold_answer IS NULL THEN NULL
                         ELSE lower(regexp_replace(btrim(t.gold_answer), '\s+', ' ', 'g')) = lower(regexp_replace(btrim(@answer), '\s+', ' ', 'g'))
                    END AS correct),
            reward AS (SELECT p.reward FROM projects p JOIN task ON p.id = task.project_id),
            answer AS (
                INSERT INTO answers (task_id, project_id, worker_id, assignment_id, value, gold_correct, created_at)
                SELECT id, project_id, @workerId, @assignmentId, @answer, correct, @ms FROM task
                RETURNING id, project_id),
            entries AS (
                INSERT INTO ledger (account, amount, answer_id, created_at)
                SELECT e.account, e.amount, answer.id, @ms
                FROM answer, reward, LATERAL (VALUES ('project:' || answer.project_id, -reward.reward), ('worker:' || @workerId, reward.reward)) AS e (account, amount)
                WHERE reward.reward > 0),
            credited AS (
                UPDATE workers SET balance = balance + reward.reward,
                    gold_total = gold_total + CASE WHEN task.correct IS NULL THEN 0 ELSE 1 END,
                    gold_correct = gold_correct + CASE WHEN task.correct THEN 1 ELSE 0 END
                FROM task, reward WHERE workers.id = @workerId)
            SELECT task.gold_answer, reward.reward FROM task, reward
            """,
            new { assignmentId, workerId, answer, ms = Clock.Ms(now) });
        return row is null
            ? new SubmitResult(await WhyRefusedAsync(c, null, assignmentId, workerId))
            : new SubmitResult(SubmitOutcome.Accepted, answer, row.GoldAnswer, row.Reward);
    }
}
