using System.Data.Common;
using Dapper;
using Microtask.Core;

namespace Microtask.Storage.Sqlite;

/// <summary>Answers: stored, paid and scored in one transaction.</summary>
public sealed partial class SqliteAssignmentProtocol
{
    private const int SubmitRetries = 3;

    /// <summary>
    /// Draws the reward from the project's budget; the answer that leaves too little for another pauses the
    /// project (once: the budget passes through [0, reward) exactly once, one reward at a time under the row lock).
    /// </summary>
    private const string SpendBudget = """
        UPDATE projects AS p SET budget = p.budget - p.reward,
            state = CASE WHEN p.budget - p.reward < p.reward AND p.state = 'Active' THEN 'Paused' ELSE p.state END,
            paused_by = CASE WHEN p.budget - p.reward < p.reward AND p.state = 'Active' THEN 'budget' ELSE p.paused_by END
        """;

    /// <summary>Unqualified: SQLite's RETURNING does not know the table's alias.</summary>
    private const string RanOut = "budget >= 0 AND budget < reward AND paused_by = 'budget' AS ran_out, budget AS budget_left";

    private static readonly string PayReward = $"""
        INSERT INTO ledger (account, amount, answer_id, created_at) VALUES
            ({LedgerAccounts.ProjectSql("@ProjectId")}, -@Reward, @answerId, @ms), ({LedgerAccounts.WorkerSql("@workerId")}, @Reward, @answerId, @ms)
        """;

    public async Task<SubmitResult> SubmitAsync(long assignmentId, long workerId, string answer, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.InTransactionAsync((c, tx) => SubmitAsync(c, tx, assignmentId, workerId, answer, time.GetUtcNow()), ct);
            }
            catch (DbException e) when (attempt < SubmitRetries && Conflicts.IsConflict(e))
            {
                // Rolled back whole (say, a deadlock with the lease sweep): trying again is safe.
            }
        }
    }

    private static async Task<SubmitResult> SubmitAsync(DbConnection c, DbTransaction tx, long assignmentId, long workerId, string answer, DateTimeOffset now)
    {
        var ms = Clock.Ms(now);
        var closed = await c.QuerySingleOrDefaultAsync<ClosedLeaseRow>(
            """
            UPDATE assignments SET state = 'submitted', finished_at = @ms
            WHERE id = @assignmentId AND worker_id = @workerId AND state = 'active' AND expires_at > @ms
            RETURNING task_id, project_id, created_at
            """,
            new { assignmentId, workerId, ms },
            tx);
        if (closed is not { } lease)
        {
            return new SubmitResult(await AnswerOutcome.WhyRefusedAsync(c, tx, assignmentId, workerId));
        }

        var stored = await c.QuerySingleAsync<StoredAnswerRow>(
            """
            UPDATE tasks SET answers = answers + 1, leases = leases - 1 WHERE id = @TaskId
            RETURNING gold_answer, batch_id, answers >= overlap AS filled, COALESCE(overlap < overlap_max, 0) AS may_grow
            """,
            new { lease.TaskId, lease.ProjectId },
            tx);
        if (stored is { Filled: true, MayGrow: true } && await OverlapGrowth.RaiseIfUnsureAsync(c, tx, lease.TaskId, answer))
        {
            stored.Filled = false;
        }

        stored.TakeRules(
            await c.QuerySingleAsync<StoredAnswerRow>($"SELECT {StoredAnswerRow.ProjectColumns} FROM projects p WHERE p.id = @ProjectId", new { lease.ProjectId }, tx),
            lease.CreatedAt);
        if (await c.QuerySingleOrDefaultAsync<StoredAnswerRow>(
            $"{SpendBudget} WHERE p.id = @ProjectId AND p.budget IS NOT NULL AND p.reward > 0 RETURNING {RanOut}", new { lease.ProjectId }, tx) is { } spent)
        {
            (stored.RanOut, stored.BudgetLeft) = (spent.RanOut, spent.BudgetLeft);
        }

        var result = AnswerOutcome.Accepted(answer, stored);
        var answerId = await c.ExecuteScalarAsync<long>(
            """
            INSERT INTO answers (task_id, project_id, worker_id, assignment_id, value, gold_correct, created_at)
            VALUES (@TaskId, @ProjectId, @workerId, @assignmentId, @answer, @correct, @ms) RETURNING id
            """,
            new { lease.TaskId, lease.ProjectId, workerId, assignmentId, answer, correct = result.GoldCorrect, ms },
            tx);
        if (stored.Reward > 0)
        {
            await c.ExecuteAsync(PayReward, new { lease.ProjectId, stored.Reward, answerId, workerId, ms }, tx);
        }

        await c.ExecuteAsync("UPDATE workers SET balance = balance + @Reward WHERE id = @workerId", new { stored.Reward, workerId }, tx);
        return await AnswerScoring.ScoreAsync(c, tx, result, stored, lease.ProjectId, assignmentId, workerId, ms);
    }

    /// <summary>The assignment an answer closed.</summary>
    private sealed class ClosedLeaseRow
    {
        public long TaskId { get; set; }
        public long ProjectId { get; set; }
        public long CreatedAt { get; set; }
    }
}
