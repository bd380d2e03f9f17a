using Dapper;

namespace Microtask.Storage;

/// <summary>Where a project stands: tasks done, today's answers and workers, pace, and answers per hour.</summary>
/// <param name="AnswersPerHour">One count per hour, the oldest first and the current hour last: as many hours as the project
/// has existed (rounded up), at most the window asked for.</param>
public sealed record ProjectProgress(
    int Tasks, int TasksDone, int AnswersWanted, int Answers, int AnswersToday, int WorkersToday, int AnswersLastHour,
    double? SecondsPerAnswer, IReadOnlyList<int> AnswersPerHour);

public sealed class ProgressStore(IDatabase db)
{
    /// <param name="maxHours">The longest window of <see cref="ProjectProgress.AnswersPerHour"/>; a younger project gets its own hours.</param>
    public async Task<ProjectProgress> ForAsync(long projectId, DateTimeOffset now, DateTimeOffset dayStart, int maxHours, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var created = await c.ExecuteScalarAsync<long?>("SELECT created_at FROM projects WHERE id = @projectId", new { projectId }) ?? Clock.Ms(now);
        var hours = (int)Math.Clamp((Clock.Ms(now) - created + 3_599_999L) / 3_600_000L, 1, maxHours);
        var tasks = await c.QuerySingleAsync<TaskCounts>(
            """
            SELECT COUNT(*) AS tasks, COALESCE(SUM(CASE WHEN answers >= overlap THEN 1 ELSE 0 END), 0) AS done,
                   COALESCE(SUM(overlap), 0) AS wanted, COALESCE(SUM(answers), 0) AS answers
            FROM tasks WHERE project_id = @projectId
            """,
            new { projectId });
        var since = Clock.Ms(now) - (hours * 3_600_000L);
        var recent = (await c.QueryAsync<AnswerTimes>(
            """
            SELECT a.worker_id, a.created_at, a.created_at - s.created_at AS took
            FROM answers a JOIN assignments s ON s.id = a.assignment_id
            WHERE a.project_id = @projectId AND a.created_at >= @since
            """,
            new { projectId, since })).ToList();
        var today = recent.Where(r => r.CreatedAt >= Clock.Ms(dayStart)).ToList();
        var perHour = new int[hours];
        foreach (var r in recent)
        {
            perHour[Math.Clamp((int)((r.CreatedAt - since) / 3_600_000L), 0, hours - 1)]++;
        }

        return new ProjectProgress(
            (int)tasks.Tasks, (int)tasks.Done, (int)tasks.Wanted, (int)tasks.Answers, today.Count, today.Select(r => r.WorkerId).Distinct().Count(),
            recent.Count(r => r.CreatedAt >= Clock.Ms(now) - 3_600_000L),
            recent.Count == 0 ? null : recent.Average(r => r.Took) / 1000.0,
            perHour);
    }

    private sealed class TaskCounts
    {
        public long Tasks { get; set; }
        public long Done { get; set; }
        public long Wanted { get; set; }
        public long Answers { get; set; }
    }

    private sealed class AnswerTimes
    {
        public long WorkerId { get; set; }
        public long CreatedAt { get; set; }
        public long Took { get; set; }
    }
}
