using System.Data.Common;
using Dapper;
using Microtask.Core;

namespace Microtask.Storage.Postgres;

/// <summary>Answers: a batch stored by one statement, a gold or too-fast answer scored after its batch's commit.</summary>
public sealed partial class PostgresAssignmentProtocol
{
    private const int ScoringRetries = 3;

    /// <summary>The first key of a batch's advisory lock on a project (the second is the project's id).</summary>
    internal const int BatchLockSpace = 7_311_002;

    /// <summary>An answer waiting for its batch, pressed at <paramref name="Ms"/>.</summary>
    internal sealed record PendingSubmit(long AssignmentId, long WorkerId, string Answer, long Ms);

    /// <summary>The answers' queue: each gets what storing it found, null when it was refused.</summary>
    internal GroupCommit<PendingSubmit, StoredAnswerRow?> Answers { get; }

    /// <summary>
    /// The answers pressed while a batch is being stored wait for it, then go together in the next: one statement, one
    /// round trip and one commit for all of them, and one update of each task's and each project's row.
    /// </summary>
    public Task<SubmitResult> SubmitAsync(long assignmentId, long workerId, string answer, CancellationToken ct)
    {
        var request = new PendingSubmit(assignmentId, workerId, answer, Clock.Ms(time.GetUtcNow()));
        return FinishAsync(request, Answers.RunAsync(request, ct), ct);
    }

    /// <summary>
    /// Stores the given answers as one batch, as the queue would (for tests that need a batch of known make-up); each
    /// answer's outcome, or its failure, is its own.
    /// </summary>
    internal Task<SubmitResult>[] SubmitTogether(IReadOnlyList<(long AssignmentId, long WorkerId, string Answer)> answers)
    {
        var ms = Clock.Ms(time.GetUtcNow());
        var batch = answers.Select(a => new PendingSubmit(a.AssignmentId, a.WorkerId, a.Answer, ms)).ToList();
        var rows = Answers.RunTogether(batch);
        return batch.Select((request, i) => FinishAsync(request, rows[i], CancellationToken.None)).ToArray();
    }

    /// <summary>What the worker is told: refused (and why), or accepted, and scored if gold or too fast.</summary>
    private async Task<SubmitResult> FinishAsync(PendingSubmit request, Task<StoredAnswerRow?> stored, CancellationToken ct)
    {
        if (await stored is not { } row)
        {
            return await db.WriteAsync(async c => new SubmitResult(await AnswerOutcome.WhyRefusedAsync(c, null, request.AssignmentId, request.WorkerId)), ct);
        }

        var accepted = AnswerOutcome.Accepted(request.Answer, row);
        return AnswerScoring.IsScored(accepted, row, row.Ms)
            ? await db.WriteAsync(c => ScoreAfterCommitAsync(c, accepted, row, request.AssignmentId, request.WorkerId, row.Ms), CancellationToken.None)
            : accepted;
    }

    /// <summary>
    /// Stores a batch of answers to any tasks of any projects with <see cref="StoreBatch"/>; a refused answer's row is
    /// null. The queue sorts a batch by assignment, as it does the task messages', so the two meet those rows in one order.
    /// </summary>
    private static async Task<StoredAnswerRow?[]> StoreTogetherAsync(DbConnection c, IReadOnlyList<PendingSubmit> batch)
    {
        using var results = await c.QueryMultipleAsync(
            StoreBatch,
            new
            {
                ids = batch.Select(p => p.AssignmentId).ToArray(),
                workers = batch.Select(p => p.WorkerId).ToArray(),
                values = batch.Select(p => p.Answer).ToArray(),
                times = batch.Select(p => p.Ms).ToArray(),
            });
        await results.ReadAsync();
        var rows = (await results.ReadAsync<StoredAnswerRow>()).ToDictionary(r => r.Position);
        return Enumerable.Range(1, batch.Count).Select(position => rows.GetValueOrDefault((long)position)).ToArray();
    }

    /// <summary>
    /// A task's overlap after the batch's answers to it (tasks aliased t, the batch's count per_task.n, the project p):
    /// raised by one, below its maximum, when the answers reach it, do not agree at the project's target and could still be
    /// changed by the answers it may yet get (<c>overlap_stops</c>, as Core's <c>TaskAgreement.Stops</c>). Only then
    /// are the task's answers read: those kept in the results (an answer whose slot was offered again is not) and the
    /// batch's own, which the statement's snapshot does not show yet. A fixed overlap (no maximum) never changes.
    /// </summary>
    private const string RaisedOverlap = """
        CASE WHEN t.overlap_max IS NULL OR t.overlap >= t.overlap_max OR t.answers + per_task.n < t.overlap THEN t.overlap
             WHEN overlap_stops(p.kind, ARRAY(
                      SELECT a.value FROM answers a
                      WHERE a.task_id = t.id AND NOT EXISTS (SELECT 1 FROM reopened_slots r WHERE r.answer_id = a.id)
                      UNION ALL SELECT c.value FROM closed c WHERE c.task_id = t.id), COALESCE(p.overlap_target, 0),
                      t.overlap_max - t.answers - per_task.n) THEN t.overlap
             ELSE t.overlap + 1 END
        """;

    /// <summary>
    /// One statement closes the batch's leases, counts its answers (raising a dynamic overlap: <see cref="RaisedOverlap"/>),
    /// stores them and moves the rewards through the ledger, and returns a row per answer stored, by its place in the
    /// batch. Each answer gets what it alone would have got: whether it filled its task, the budget left after it (by
    /// assignment), the one that ran the budget out; its own press time decides whether its lease had run out. Two
    /// presses of one assignment close it once.
    /// </summary>
    /// <remarks>
    /// First, in the same implicit transaction, the batch's projects' turns: advisory locks in id order, so two
    /// instances' batches to one project take turns instead of deadlocking on its tasks.
    /// </remarks>
    private static readonly string StoreBatch = $"""
        SELECT lock_answer_projects({BatchLockSpace}, @ids);
        WITH input AS (
            SELECT * FROM unnest(@ids, @workers, @values, @times) WITH ORDINALITY AS i (assignment_id, worker_id, value, ms, position)),
        closed AS (
            UPDATE assignments a SET state = 'submitted', finished_at = i.ms
            FROM input i
            WHERE a.id = i.assignment_id AND a.worker_id = i.worker_id AND a.state = 'active' AND a.expires_at > i.ms
            RETURNING a.id, a.task_id, a.project_id, a.worker_id, a.created_at, i.value, i.ms, i.position),
        per_task AS (SELECT task_id, project_id, count(*)::int AS n FROM closed GROUP BY task_id, project_id ORDER BY task_id),
        task AS (
            UPDATE tasks t SET answers = t.answers + per_task.n, leases = t.leases - per_task.n, overlap = {RaisedOverlap}
            FROM per_task JOIN projects p ON p.id = per_task.project_id WHERE t.id = per_task.task_id
            RETURNING t.id, t.gold_answer, t.batch_id, t.answers - per_task.n AS answers_before, t.overlap),
        per_project AS (SELECT project_id, count(*)::int AS n FROM closed GROUP BY project_id),
        reward AS (SELECT p.id, {StoredAnswerRow.ProjectColumns} FROM projects p JOIN per_project pp ON pp.project_id = p.id),
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
                 LATERAL (VALUES ({LedgerAccounts.ProjectSql("answer.project_id")}, -r.reward), ({LedgerAccounts.WorkerSql("answer.worker_id")}, r.reward)) AS e (account, amount)
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
        """;

    /// <summary>
    /// The gold answer the answer's task has now, read after a shared hold on its disputes' lock (the one each dispute of
    /// the task takes alone, <see cref="GoldDisputeStore"/>): a quarantine that set the task aside meanwhile has
    /// committed, and the answer is not scored against the gold it put aside; one to come waits for the scoring to commit
    /// and then counts it down with the others. No row lock: answers to the task never wait for it.
    /// </summary>
    private const string GoldNow = """
        SELECT pg_advisory_xact_lock_shared(hashtext('gold-dispute:' || a.task_id)) FROM answers a WHERE a.assignment_id = @assignmentId;
        SELECT t.gold_answer FROM answers a JOIN tasks t ON t.id = a.task_id WHERE a.assignment_id = @assignmentId;
        """;

    /// <summary>
    /// Scores a gold or too-fast answer whose batch has committed, in a transaction of its own, so that no other answer
    /// to the project waits behind the scoring; the worker is told what that transaction stored. An instance killed
    /// between the two commits leaves the answer stored and paid but unscored. A gold task set aside between the two
    /// (<see cref="GoldNow"/>) no longer scores it.
    /// </summary>
    private static async Task<SubmitResult> ScoreAfterCommitAsync(DbConnection c, SubmitResult accepted, StoredAnswerRow row, long assignmentId, long workerId, long ms)
    {
        // The answer is committed: from here on nothing may make the caller submit it again (it would read "already
        // answered" and the notices it carries would be lost), so no cancellation and no exception: a conflict retries
        // the scoring alone, and anything else leaves the answer unscored, with no feedback that was not stored.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scoring = await c.BeginTransactionAsync(CancellationToken.None);
                var scored = await AnswerScoring.ScoreAsync(c, scoring, await GoldNowAsync(c, scoring, accepted, assignmentId), row, row.ProjectId, assignmentId, workerId, ms);
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

    /// <summary>The answer as its task's gold answer stands now (<see cref="GoldNow"/>); as it was when not gold.</summary>
    private static async Task<SubmitResult> GoldNowAsync(DbConnection c, DbTransaction scoring, SubmitResult accepted, long assignmentId)
    {
        if (accepted.GoldAnswer is null)
        {
            return accepted;
        }

        using var read = await c.QueryMultipleAsync(GoldNow, new { assignmentId }, scoring);
        await read.ReadAsync();
        return accepted with { GoldAnswer = await read.ReadSingleOrDefaultAsync<string?>() };
    }
}
