using Dapper;

namespace Microtask.Storage;

/// <summary>A requester's view of its projects: counts, and the raw answers to aggregate.</summary>
public sealed record ProjectSummary(long Id, string Title, string State, int Tasks, int TasksDone, int Answers);

public sealed record TaskFields(long Id, IReadOnlyDictionary<string, string> Fields);

public sealed record RawAnswer(long TaskId, long WorkerId, string Value);

public sealed class ResultStore(IDatabase db)
{
    public async Task<IReadOnlyList<ProjectSummary>> OwnedAsync(long requesterId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<SummaryRow>(
            """
            SELECT p.id, p.title, p.state, COUNT(t.id) AS tasks,
                   COALESCE(SUM(CASE WHEN t.answers >= t.overlap THEN 1 ELSE 0 END), 0) AS tasks_done,
                   COALESCE(SUM(t.answers), 0) AS answers
            FROM projects p LEFT JOIN tasks t ON t.project_id = p.id
            WHERE p.requester_id = @requesterId
            GROUP BY p.id, p.title, p.state ORDER BY p.id
            """,
            new { requesterId });
        return rows.Select(r => new ProjectSummary(r.Id, r.Title, r.State, (int)r.Tasks, (int)r.TasksDone, (int)r.Answers)).ToList();
    }

    public async Task<IReadOnlyList<TaskFields>> TasksAsync(long projectId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<TaskRow>(
            "SELECT id, project_id, fields, gold_answer FROM tasks WHERE project_id = @projectId ORDER BY id", new { projectId });
        return rows.Select(r => new TaskFields(r.Id, Json.Map(r.Fields))).ToList();
    }

    public async Task<IReadOnlyList<RawAnswer>> AnswersAsync(long projectId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<AnswerRow>(
            "SELECT task_id, worker_id, value FROM answers WHERE project_id = @projectId ORDER BY task_id, id", new { projectId });
        return rows.Select(r => new RawAnswer(r.TaskId, r.WorkerId, r.Value)).ToList();
    }

    private sealed class SummaryRow
    {
        public long Id { get; set; }
        public string Title { get; set; } = "";
        public string State { get; set; } = "";
        public long Tasks { get; set; }
        public long TasksDone { get; set; }
        public long Answers { get; set; }
    }

    private sealed class AnswerRow
    {
        public long TaskId { get; set; }
        public long WorkerId { get; set; }
        public string Value { get; set; } = "";
    }
}
