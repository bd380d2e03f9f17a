using System.Data.Common;
using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

public sealed partial class AnswerStore
{
    private const int ScoringRetries = 3;

    /// <summary>
    /// PostgreSQL: close the lease, count the answer, store it and move the reward through the ledger in one
    /// statement, so the task row (shared by the task's overlap) is locked for one statement, not a chain of
    /// round trips. A gold or too-fast answer is then scored and judged in the same transaction (<see cref="ScoreAsync"/>),
    /// as on SQLite, so the worker's feedback and the stored score cannot disagree.
    /// </summary>
    /// <remarks>
    /// The statement draws the reward from the project's budget, so it locks the project's row, which every answer to the
    /// project shares: inside a transaction that lock lasts until the COMMIT, one more round trip later, and the project's
    /// answers queued behind it (the load tool measured 14–24 ms a submit waiting on that row with 200 workers). An answer
    /// the caller knows cannot be scored (<paramref name="mayBeScored"/> false: not gold, no speed check) is therefore one
    /// statement committed on its own, and the row is let go when the statement ends. If the project's rules, read fresh by
    /// the statement, say otherwise (a speed check turned on a moment ago), the answer is scored right after in a
    /// transaction of its own.
    /// </remarks>
    private Task<SubmitResult> SubmitInOneStatementAsync(long assignmentId, long workerId, string answer, DateTimeOffset now, bool mayBeScored, CancellationToken ct) =>
        mayBeScored
            ? db.InTransactionAsync((c, tx) => SubmitInOneStatementAsync(c, tx, assignmentId, workerId, answer, now, ct), ct)
            : db.WriteAsync(c => SubmitInOneStatementAsync(c, null, assignmentId, workerId, answer, now, ct), ct);

    private async Task<SubmitResult> SubmitInOneStatementAsync(
        DbConnection c, DbTransaction? tx, long assignmentId, long workerId, string answer, DateTimeOffset now, CancellationToken ct)
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
            new { assignmentId, workerId, answer, ms },
            tx);
        if (row is null)
        {
            return new SubmitResult(await WhyRefusedAsync(c, tx, assignmentId, workerId));
        }

        var accepted = Accepted(answer, row);
        if (tx is not null)
        {
            return await ScoreAsync(c, tx, accepted, row, row.ProjectId, assignmentId, workerId, ms);
        }

        if (!IsScored(accepted, row, ms))
        {
            return accepted;
        }

        // The answer is committed: from here on nothing may make the caller submit it again (it would read "already
        // answered" and the notices it carries would be lost), so no cancellation, and a conflict retries the scoring alone.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scoring = await c.BeginTransactionAsync(CancellationToken.None);
                var scored = await ScoreAsync(c, scoring, accepted, row, row.ProjectId, assignmentId, workerId, ms);
                await scoring.CommitAsync(CancellationToken.None);
                return scored;
            }
            catch (DbException e) when (Conflicts.IsConflict(e))
            {
                if (attempt == ScoringRetries)
                {
                    return accepted; // saved and paid, not scored: the rare price of a caller's wrong guess under contention
                }
            }
        }
    }
}
