using System.Data.Common;
using Dapper;
using Microtask.Core;
using Microtask.Core.Quality;

namespace Microtask.Storage;

/// <summary>
/// Dynamic overlap where C# decides (SQLite's answers, and the cold paths on both engines): a task whose answers reach
/// its overlap, below its maximum, wants one more while they do not agree at the project's target and the answers it
/// may still get could change its answer (<see cref="TaskAgreement.Stops"/>). PostgreSQL's answer statement decides the
/// same in SQL (<c>overlap_stops</c>).
/// </summary>
internal static class OverlapGrowth
{
    /// <summary>
    /// The task's answers that count: an answer whose slot was offered again (its worker's answers left out of the results)
    /// is not. Parameter @taskId.
    /// </summary>
    public const string CountedAnswers = """
        SELECT a.value FROM answers a
        WHERE a.task_id = @taskId AND NOT EXISTS (SELECT 1 FROM reopened_slots r WHERE r.answer_id = a.id)
        """;

    /// <summary>
    /// Raises the task's overlap by one when its answers (those stored, and <paramref name="pending"/>, one not stored
    /// yet, already in the task's count) reach it below its maximum and neither agree at the target nor are decided;
    /// true when it did. The caller's transaction holds
    /// the task's row or the engine's one writer, so the read and the raise see the same task.
    /// </summary>
    public static async Task<bool> RaiseIfUnsureAsync(DbConnection c, DbTransaction tx, long taskId, string? pending = null)
    {
        var task = await c.QuerySingleOrDefaultAsync<GrowthRow>(
            """
            SELECT t.answers, t.overlap, t.overlap_max, p.kind, p.overlap_target
            FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.id = @taskId
            """,
            new { taskId },
            tx);
        if (task is not { OverlapMax: { } max } || task.Overlap >= max || task.Answers < task.Overlap)
        {
            return false;
        }

        var answers = (await c.QueryAsync<string>(CountedAnswers, new { taskId }, tx)).ToList();
        if (pending is not null)
        {
            answers.Add(pending);
        }

        if (TaskAgreement.Stops(Enum.Parse<AnswerKind>(task.Kind), answers, (int)(task.OverlapTarget ?? 0), (int)(max - task.Answers)))
        {
            return false;
        }

        return await c.ExecuteAsync(
            "UPDATE tasks SET overlap = overlap + 1 WHERE id = @taskId AND overlap = @Overlap AND overlap < overlap_max",
            new { taskId, task.Overlap },
            tx) == 1;
    }

    private sealed class GrowthRow
    {
        public long Answers { get; set; }
        public long Overlap { get; set; }
        public long? OverlapMax { get; set; }
        public string Kind { get; set; } = "";
        public long? OverlapTarget { get; set; }
    }
}
