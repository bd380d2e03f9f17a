using System.Data.Common;
using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

/// <summary>Stores answers: the one write that must never be lost or doubled.</summary>
public sealed partial class AnswerStore(IDatabase db, TimeProvider time)
{
    /// <summary>
    /// Draws the reward from the project's budget; the answer that leaves too little for another pauses the
    /// project (once: the budget passes through [0, reward) exactly once, one reward at a time under the row lock).
    /// </summary>
    private const string SpendBudget = """
        UPDATE projects AS p SET budget = p.budget - p.reward,
            state = CASE WHEN p.budget - p.reward < p.reward AND p.state = 'Active' THEN 'Paused' ELSE p.state END,
            paused_by = CASE WHEN p.budget - p.reward < p.reward AND p.state = 'Active' THEN 'budget' ELSE p.paused_by END
        """;

    // Unqualified: SQLite's RETURNING does not know the table's alias.
    /// <summary>The project's reward and quality rules, read with the answer (projects aliased p).</summary>
    private const string ProjectRules = "p.reward, p.min_accuracy, p.min_gold, p.min_seconds, p.fast_flags, p.qualification";

    private const string RanOut = "budget >= 0 AND budget < reward AND paused_by = 'budget' AS ran_out, budget AS budget_left";

    /// <summary>
    /// In one transaction: close the lease, store the answer (once per task and worker), count it against
    /// the overlap, score it if gold and credit the reward. A repeat of the same submit changes nothing.
    /// </summary>
    /// <remarks>
    /// On PostgreSQL answers pressed at the same moment are stored together (<see cref="SubmitBatchedAsync"/>), and the
    /// scoring of a gold or too-fast answer follows its batch's commit (see <see cref="StoreTogetherAsync"/>).
    /// </remarks>
    public async Task<SubmitResult> SubmitAsync(long assignmentId, long workerId, string answer, CancellationToken ct = default)
    {
        if (db.HasWritableCtes)
        {
            return await SubmitBatchedAsync(assignmentId, workerId, answer, ct);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.InTransactionAsync((c, tx) => SubmitAsync(c, tx, assignmentId, workerId, answer, time.GetUtcNow()), ct);
            }
            catch (DbException e) when (attempt < 3 && Conflicts.IsConflict(e))
            {
                // Rolled back whole (say, a deadlock with the lease sweep): trying again is safe.
            }
        }
    }

    private static async Task<SubmitResult> SubmitAsync(DbConnection c, DbTransaction tx, long assignmentId, long workerId, string answer, DateTimeOffset now)
    {
        var ms = Clock.Ms(now);
        var closed = await c.QuerySingleOrDefaultAsync<LeaseRow>(
            """
            UPDATE assignments SET state = 'submitted', finished_at = @ms
            WHERE id = @assignmentId AND worker_id = @workerId AND state = 'active' AND expires_at > @ms
            RETURNING task_id, project_id, created_at
            """,
            new { assignmentId, workerId, ms },
            tx);
        if (closed is not { } lease)
        {
            return new SubmitResult(await WhyRefusedAsync(c, tx, assignmentId, workerId));
        }

        var gold = await c.QuerySingleAsync<GoldRow>(
            """
            UPDATE tasks SET answers = answers + 1, leases = leases - 1 WHERE id = @TaskId
            RETURNING gold_answer, batch_id, answers >= overlap AS filled
            """,
            new { lease.TaskId, lease.ProjectId },
            tx);
        gold.TakeRules(await c.QuerySingleAsync<GoldRow>($"SELECT {ProjectRules} FROM projects p WHERE p.id = @ProjectId", new { lease.ProjectId }, tx), lease.CreatedAt);
        if (await c.QuerySingleOrDefaultAsync<GoldRow>(
            $"{SpendBudget} WHERE p.id = @ProjectId AND p.budget IS NOT NULL AND p.reward > 0 RETURNING {RanOut}", new { lease.ProjectId }, tx) is { } spent)
        {
            (gold.RanOut, gold.BudgetLeft) = (spent.RanOut, spent.BudgetLeft);
        }

        var result = Accepted(answer, gold);
        var answerId = await c.ExecuteScalarAsync<long>(
            """
            INSERT INTO answers (task_id, project_id, worker_id, assignment_id, value, gold_correct, created_at)
            VALUES (@TaskId, @ProjectId, @workerId, @assignmentId, @answer, @correct, @ms) RETURNING id
            """,
            new { lease.TaskId, lease.ProjectId, workerId, assignmentId, answer, correct = result.GoldCorrect, ms },
            tx);
        if (gold.Reward > 0)
        {
            await c.ExecuteAsync(
                """
                INSERT INTO ledger (account, amount, answer_id, created_at) VALUES
                    ('project:' || @ProjectId, -@Reward, @answerId, @ms), ('worker:' || @workerId, @Reward, @answerId, @ms)
                """,
                new { lease.ProjectId, gold.Reward, answerId, workerId, ms },
                tx);
        }

        await c.ExecuteAsync("UPDATE workers SET balance = balance + @Reward WHERE id = @workerId", new { gold.Reward, workerId }, tx);
        return await ScoreAsync(c, tx, result, gold, lease.ProjectId, assignmentId, workerId, ms);
    }

    /// <summary>The answer stored for an assignment, if any.</summary>
    public async Task<string?> ValueOfAsync(long assignmentId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<string?>("SELECT value FROM answers WHERE assignment_id = @assignmentId", new { assignmentId });
    }

    private static SubmitResult Accepted(string answer, GoldRow row) =>
        new(SubmitOutcome.Accepted, answer, row.GoldAnswer, row.Reward)
        {
            FilledBatchId = row.Filled ? row.BatchId : null,
            BudgetRanOut = row.RanOut,
            BudgetLeft = row.BudgetLeft,
        };

    private static async Task<SubmitOutcome> WhyRefusedAsync(DbConnection c, DbTransaction? tx, long assignmentId, long workerId)
    {
        var row = await c.QuerySingleOrDefaultAsync<OwnerRow>(
            "SELECT worker_id, state FROM assignments WHERE id = @assignmentId", new { assignmentId }, tx);
        return row switch
        {
            null => SubmitOutcome.NotFound,
            { WorkerId: var owner } when owner != workerId => SubmitOutcome.NotYours,
            { State: "submitted" } => SubmitOutcome.AlreadyAnswered,
            _ => SubmitOutcome.Expired,
        };
    }
}

internal sealed class LeaseRow
{
    public long TaskId { get; set; }
    public long ProjectId { get; set; }
    public long CreatedAt { get; set; }
}

internal sealed class GoldRow
{
    /// <summary>The answer's place in its batch (1-based), and when it was pressed (unix ms).</summary>
    public long Position { get; set; }

    public long Ms { get; set; }

    public string? GoldAnswer { get; set; }
    public long Reward { get; set; }
    public long? BatchId { get; set; }
    public long ProjectId { get; set; }
    public bool Filled { get; set; }
    public bool RanOut { get; set; }
    public long? BudgetLeft { get; set; }

    /// <summary>When the lease began (unix ms), for the speed rule.</summary>
    public long ClaimedAt { get; set; }

    public long MinAccuracy { get; set; }
    public long MinGold { get; set; } = 1;
    public long MinSeconds { get; set; }
    public long FastFlags { get; set; } = 1;
    public long Qualification { get; set; }

    public Core.Quality.QualityRules Rules => new((int)MinAccuracy, (int)MinGold, (int)MinSeconds, (int)FastFlags, (int)Qualification, true);

    /// <summary>Takes the reward and the rules from a row of the project.</summary>
    public void TakeRules(GoldRow project, long claimedAt)
    {
        (Reward, MinAccuracy, MinGold, MinSeconds, FastFlags, Qualification) =
            (project.Reward, project.MinAccuracy, project.MinGold, project.MinSeconds, project.FastFlags, project.Qualification);
        ClaimedAt = claimedAt;
    }
}

internal sealed class OwnerRow
{
    public long WorkerId { get; set; }
    public string State { get; set; } = "";
}
