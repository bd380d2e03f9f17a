using System.Data.Common;
using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

public sealed partial class AnswerStore
{
    private const int ScoringRetries = 3;

    /// <summary>The first key of a batch's advisory lock on a project (the second is the project's id).</summary>
    internal const int BatchLockSpace = 7_311_002;

    /// <summary>
    /// PostgreSQL: close the leases, count the answers, store them and move the rewards through the ledger in one
    /// statement committed on its own, for a batch of answers to any tasks of any projects (see
    /// <see cref="SubmitBatchedAsync"/>). The task rows (shared by a task's overlap) and the project's row (every answer
    /// draws on its budget) are updated once per batch and locked for one round trip, not across several. Each
    /// answer still gets what it alone would have got: the answer that filled its task, the budget left after it (the
    /// batch's answers to a project draw on the budget one after another, by assignment), and the one answer that left
    /// too little for another. A gold or too-fast answer is then scored and judged in a transaction of its own
    /// (<see cref="ScoreAfterCommitAsync"/>), and the worker is told what that transaction stored, so the feedback and
    /// the stored score cannot disagree.
    /// </summary>
    /// <remarks>
    /// The scoring once ran inside the answer's transaction, which held the project's row until the COMMIT: four more
    /// round trips for a gold answer, and every other answer to the project queued behind it (with a tenth of the tasks
    /// gold, the load tool measured the submit at 6.7 ms against 2.3 ms without gold, and a third fewer answers per
    /// second). The price of the split: an instance killed between the two commits leaves that one answer stored and
    /// paid but unscored (its redelivery finds it answered), one gold sample short in the worker's record.
    /// </remarks>
    private static async Task<List<GoldRow>> StoreTogetherAsync(DbConnection c, IReadOnlyList<PendingSubmit> batch)
    {
        // Each answer's own time (its press) decides whether its lease had run out and stamps what it writes. A row
        // comes back for each answer stored, by its place in the batch; two presses of one assignment in one batch
        // close it once, and the other press finds it answered.
        //
        // The batch first takes a lock of its own for each of its answers' projects, in id order: two instances'
        // batches to one project then run one after the other instead of locking that project's tasks in orders of
        // their own, and cannot deadlock (they did: 22 deadlocks, a second's stall each, in a few minutes of two
        // instances under load). An advisory lock, not the project's row: nothing but another batch waits for it, and a
        // batch does not wait for a requester's change to the project. The two statements go in one round trip and,
        // sent together, run in one implicit transaction, which holds the locks to its end. The locks are taken by a
        // function (migration 0020) that keeps one plan per connection: as a statement, they were planned on every call.
        using var results = await c.QueryMultipleAsync(
            $"""
            SELECT lock_answer_projects({BatchLockSpace}, @ids);
            WITH input AS (
                SELECT * FROM unnest(@ids, @workers, @values, @times) WITH ORDINALITY AS i (assignment_id, worker_id, value, ms, position)),
            closed AS (
                UPDATE assignments a SET state = 'submitted', finished_at = i.ms
                FROM input i
                WHERE a.id = i.assignment_id AND a.worker_id = i.worker_id AND a.state = 'active' AND a.expires_at > i.ms
                RETURNING a.id, a.task_id, a.project_id, a.worker_id, a.created_at, i.value, i.ms, i.position),
            per_task AS (SELECT task_id, count(*)::int AS n FROM closed GROUP BY task_id ORDER BY task_id),
            task AS (
                UPDATE tasks t SET answers = t.answers + per_task.n, leases = t.leases - per_task.n
                FROM per_task WHERE t.id = per_task.task_id
                RETURNING t.id, t.gold_answer, t.batch_id, t.answers - per_task.n AS answers_before, t.overlap),
            per_project AS (SELECT project_id, count(*)::int AS n FROM closed GROUP BY project_id),
            reward AS (SELECT p.id, {ProjectRules} FROM projects p JOIN per_project pp ON pp.project_id = p.id),
            spent AS (
                UPDATE projects AS p SET budget = p.budget - pp.n * p.reward,
                    state = CASE WHEN p.budget - pp.n * p.reward < p.reward AND p.state = 'Active' THEN 'Paused' ELSE p.state END,
                    paused_by = CASE WHEN p.budget - pp.n * p.reward < p.reward AND p.state = 'Active' THEN 'budget' ELSE p.paused_by END
                FROM per_project pp WHERE p.id = pp.project_id AND p.budget IS NOT NULL AND p.reward > 0
                RETURNING p.id, p.budget + pp.n * p.reward AS budget_before, p.paused_by = 'budget' AS paused_for_budget),
            answer AS (
                INSERT INTO answers (task_id, project_id, worker_id, assignment_id, value, gold_correct, created_at)
                SELECT task_id, project_id, worker_id, id, value, NULL, ms FROM closed
                RETURNING id, project_id, worker_id, created_at),
            entries AS (
                INSERT INTO ledger (account, amount, answer_id, created_at)
                SELECT e.account, e.amount, answer.id, answer.created_at
                FROM answer JOIN reward r ON r.id = answer.project_id,
                     LATERAL (VALUES ('project:' || answer.project_id, -r.reward), ('worker:' || answer.worker_id, r.reward)) AS e (account, amount)
                WHERE r.reward > 0),
            credited AS (
                UPDATE workers w SET balance = w.balance + paid.total
                FROM (SELECT c.worker_id, SUM(r.reward) AS total FROM closed c JOIN reward r ON r.id = c.project_id GROUP BY c.worker_id) AS paid
                WHERE w.id = paid.worker_id),
            ranked AS (
                SELECT c.*, row_number() OVER (PARTITION BY c.task_id ORDER BY c.id) AS in_task,
                       row_number() OVER (PARTITION BY c.project_id ORDER BY c.id) AS in_project
                FROM closed c)
            SELECT k.position, k.ms, t.gold_answer, r.reward, r.min_accuracy, r.min_gold, r.min_seconds, r.fast_flags, r.qualification,
                   k.project_id, t.batch_id, t.answers_before + k.in_task >= t.overlap AS filled,
                   s.budget_before - k.in_project * r.reward AS budget_left,
                   COALESCE(s.paused_for_budget AND s.budget_before - k.in_project * r.reward >= 0
                            AND s.budget_before - k.in_project * r.reward < r.reward, FALSE) AS ran_out,
                   k.created_at AS claimed_at
            FROM ranked k JOIN task t ON t.id = k.task_id JOIN reward r ON r.id = k.project_id LEFT JOIN spent s ON s.id = k.project_id
            """,
            new
            {
                ids = batch.Select(p => p.AssignmentId).ToArray(),
                workers = batch.Select(p => p.WorkerId).ToArray(),
                values = batch.Select(p => p.Answer).ToArray(),
                times = batch.Select(p => p.Ms).ToArray(),
            });
        await results.ReadAsync();
        return (await results.ReadAsync<GoldRow>()).ToList();
    }

    /// <summary>Scores a gold or too-fast answer whose batch has committed, in a transaction of its own.</summary>
    private static async Task<SubmitResult> ScoreAfterCommitAsync(DbConnection c, SubmitResult accepted, GoldRow row, long assignmentId, long workerId, long ms)
    {
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
