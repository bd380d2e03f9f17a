using System.Data.Common;
using Dapper;
using Microtask.Core;
using Microtask.Core.Quality;

namespace Microtask.Storage;

/// <summary>A project's overlap changed after its tasks were made (/rules N overlap …), and what its tasks make of it.</summary>
public sealed class OverlapStore(IDatabase db)
{
    /// <summary>
    /// The slots a task has been given back for answers left out of the results (of the row of tasks being updated): they stay on top of
    /// whatever the project's overlap becomes.
    /// </summary>
    private const string Reopened = "(SELECT COUNT(*) FROM reopened_slots r WHERE r.task_id = tasks.id)";

    /// <summary>What a task wants under the new rule: the minimum, or for a gold task the maximum.</summary>
    private const string Wanted = "(CASE WHEN gold_answer IS NULL THEN @Min ELSE @Max END)";

    /// <summary>
    /// Sets the overlap of the requester's own project (not a closed one); false when it is not theirs. Every task
    /// still in the pool follows it at once: it wants the new minimum (a gold task the maximum), never fewer than the
    /// answers and leases it has, plus its slots given back; a task that now has what it wants but could grow is judged
    /// on its answers as an answer would judge it; a batch reported complete whose tasks want more is complete no more.
    /// </summary>
    public Task<bool> SetAsync(long projectId, long requesterId, OverlapRule rule, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var args = new { projectId, requesterId, rule.Min, rule.Max, dynamic = rule.Dynamic, target = rule.TargetPercent };
                if (await c.ExecuteAsync(
                        """
                        UPDATE projects SET overlap = @Min,
                            overlap_max = CASE WHEN @dynamic THEN @Max ELSE NULL END, overlap_target = CASE WHEN @dynamic THEN @target ELSE NULL END
                        WHERE id = @projectId AND requester_id = @requesterId AND state <> 'Closed'
                        """,
                        args,
                        tx) == 0)
                {
                    return false;
                }

                await c.ExecuteAsync(
                    $"""
                    UPDATE tasks SET
                        overlap = CASE WHEN {Wanted} + {Reopened} > answers + leases THEN {Wanted} + {Reopened} ELSE answers + leases END,
                        overlap_max = CASE WHEN @dynamic AND gold_answer IS NULL THEN @Max + {Reopened} ELSE NULL END
                    WHERE project_id = @projectId
                      AND NOT EXISTS (SELECT 1 FROM media_refusals m WHERE m.task_id = tasks.id)
                      AND NOT EXISTS (SELECT 1 FROM reports rp WHERE rp.task_id = tasks.id AND rp.resolution = '{nameof(ReviewAction.RemoveTask)}')
                    """,
                    args,
                    tx);
                await RaiseUnsureAsync(c, tx, projectId, rule);
                await ReopenBatchesAsync(c, tx, projectId);
                return true;
            },
            ct);

    /// <summary>Counted answers a project needs before Dawid–Skene's posteriors are trusted over the plain share of votes.</summary>
    public const int ModelAnswers = 200;

    /// <summary>The active projects with a dynamic overlap on a kind Dawid–Skene reads (choices, or options one by one).</summary>
    public async Task<IReadOnlyList<long>> ModelledProjectsAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<long>(
            $"""
            SELECT id FROM projects
            WHERE state = 'Active' AND overlap_target IS NOT NULL
              AND kind IN ('{nameof(AnswerKind.SingleChoice)}', '{nameof(AnswerKind.YesNo)}', '{nameof(AnswerKind.Rating)}', '{nameof(AnswerKind.Pairwise)}', '{nameof(AnswerKind.MultipleChoice)}')
            ORDER BY id
            """)];
    }

    /// <summary>
    /// Judges again, with Dawid–Skene fitted over the project's counted answers, the tasks that stopped below their
    /// maximum: one whose posterior for its answer is below the target wants one more answer (two agreeing answers from
    /// workers the model finds clicking at random are not agreement), unless the answers it may still get cannot change
    /// the model's answer (<see cref="ModelLook"/>; multiple choice option by option). Nothing below
    /// <see cref="ModelAnswers"/> answers.
    /// How many tasks it raised; safe to run twice and beside the answers (a task's row is raised only as it was read).
    /// </summary>
    public async Task<int> RecheckWithModelAsync(Project project, CancellationToken ct = default)
    {
        if (project.OverlapRule is not { Dynamic: true, TargetPercent: { } target } || project.Choices.Count == 0)
        {
            return 0;
        }

        List<AnswerRecord> answers;
        List<(long Id, long Overlap, long Still)> stopped;
        await using (var c = await db.OpenAsync(ct))
        {
            answers = [.. (await c.QueryAsync<(long TaskId, long WorkerId, string Value)>(
                """
                SELECT a.task_id, a.worker_id, a.value FROM answers a
                WHERE a.project_id = @Id AND NOT EXISTS (SELECT 1 FROM reopened_slots r WHERE r.answer_id = a.id)
                ORDER BY a.task_id
                """,
                new { project.Id })).Select(a => new AnswerRecord(a.TaskId, a.WorkerId.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Value))];
            if (answers.Count < ModelAnswers)
            {
                return 0;
            }

            stopped = [.. await c.QueryAsync<(long, long, long)>(
                "SELECT id, overlap, overlap_max - answers FROM tasks WHERE project_id = @Id AND overlap_max IS NOT NULL AND answers >= overlap AND overlap < overlap_max",
                new { project.Id })];
        }

        var overlapOf = stopped.ToDictionary(t => t.Id, t => t.Overlap);
        var unsure = ModelLook.Unsure(project.Kind, project.Choices, answers, [.. stopped.Select(t => (t.Id, (int)t.Still))], target);
        if (unsure.Count == 0)
        {
            return 0;
        }

        return await db.InTransactionAsync(
            async (c, tx) =>
            {
                var raised = await c.ExecuteAsync(
                    "UPDATE tasks SET overlap = overlap + 1 WHERE id = @Id AND overlap = @Overlap AND answers >= overlap AND overlap < overlap_max",
                    unsure.Select(id => new { Id = id, Overlap = overlapOf[id] }),
                    tx);
                await ReopenBatchesAsync(c, tx, project.Id);
                return raised;
            },
            ct);
    }

    /// <summary>
    /// The answers the project's tasks in the pool may still take: each up to its maximum (a fixed overlap is its own),
    /// less the answers it has. What a budget must hold for every task to get all it may want.
    /// </summary>
    public async Task<long> AnswersWantedAsync(long projectId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(
            """
            SELECT COALESCE(SUM(COALESCE(overlap_max, overlap) - answers), 0) FROM tasks
            WHERE project_id = @projectId AND COALESCE(overlap_max, overlap) > answers
            """,
            new { projectId });
    }

    /// <summary>
    /// The project's tasks that have the answers they want and room to grow, judged on their counted answers: those that
    /// do not stop there (<see cref="TaskAgreement.Stops"/>: neither decided nor in agreement) want one more. Read in one
    /// query.
    /// </summary>
    private static async Task RaiseUnsureAsync(DbConnection c, DbTransaction tx, long projectId, OverlapRule rule)
    {
        if (!rule.Dynamic)
        {
            return;
        }

        var kind = Enum.Parse<AnswerKind>(await c.ExecuteScalarAsync<string>("SELECT kind FROM projects WHERE id = @projectId", new { projectId }, tx) ?? "");
        var answers = await c.QueryAsync<(long TaskId, long Still, string Value)>(
            """
            SELECT t.id, t.overlap_max - t.answers, a.value FROM tasks t JOIN answers a ON a.task_id = t.id
            WHERE t.project_id = @projectId AND t.overlap_max IS NOT NULL AND t.answers >= t.overlap AND t.overlap < t.overlap_max
              AND NOT EXISTS (SELECT 1 FROM reopened_slots r WHERE r.answer_id = a.id)
            """,
            new { projectId },
            tx);
        var unsure = answers.GroupBy(a => (a.TaskId, a.Still))
            .Where(g => !TaskAgreement.Stops(kind, g.Select(a => a.Value).ToList(), rule.TargetPercent ?? 0, (int)g.Key.Still))
            .Select(g => g.Key.TaskId)
            .ToList();
        await c.ExecuteAsync("UPDATE tasks SET overlap = overlap + 1 WHERE id = @id AND overlap < overlap_max", unsure.Select(id => new { id }), tx);
    }

    /// <summary>A batch reported complete whose tasks want more answers now is complete no more: its requester hears again.</summary>
    private static Task<int> ReopenBatchesAsync(DbConnection c, DbTransaction tx, long projectId) =>
        c.ExecuteAsync(
            """
            UPDATE batches SET completed_at = NULL
            WHERE project_id = @projectId AND completed_at IS NOT NULL
              AND EXISTS (SELECT 1 FROM tasks t WHERE t.batch_id = batches.id AND t.answers < t.overlap)
            """,
            new { projectId },
            tx);
}
