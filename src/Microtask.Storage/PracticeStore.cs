using System.Data.Common;
using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

/// <summary>One of a project's practice tasks; <paramref name="Position"/> is its place (1-based) in the project's practice.</summary>
public sealed record PracticeTask(long Id, long ProjectId, IReadOnlyDictionary<string, string> Fields, string GoldAnswer, string Explanation, int Position);

/// <summary>
/// A project's practice tasks, in the order they were uploaded, and who has gone through them. Practice is read, never
/// leased or answered: nothing here touches tasks, answers or the ledger.
/// </summary>
public sealed class PracticeStore(IDatabase db, ProjectCache cache, TimeProvider time)
{
    /// <summary>A worker goes through the project's first practice tasks only, however many were uploaded.</summary>
    public const int MaxShown = 10;

    private const string Select = """
        SELECT p.id, p.project_id, p.fields, p.gold_answer, p.explanation,
               (SELECT COUNT(*) FROM practice_tasks q WHERE q.project_id = p.project_id AND q.id <= p.id) AS position
        FROM practice_tasks p
        """;

    /// <summary>Adds practice tasks to the project, in the transaction that imports its batch.</summary>
    internal static async Task AddAsync(DbConnection c, DbTransaction tx, long projectId, long? batchId, IReadOnlyList<NewTask> practice)
    {
        if (practice.Count == 0)
        {
            return;
        }

        await c.ExecuteAsync(
            """
            INSERT INTO practice_tasks (project_id, batch_id, fields, gold_answer, explanation, source_line)
            VALUES (@projectId, @batchId, @fields, @GoldAnswer, @Explanation, @Line)
            """,
            practice.Select(t => new { projectId, batchId, fields = Json.Of(t.Fields), t.GoldAnswer, t.Explanation, t.Line }),
            tx);
        await c.ExecuteAsync("UPDATE projects SET practice_tasks = practice_tasks + @n WHERE id = @projectId", new { n = practice.Count, projectId }, tx);
    }

    /// <summary>Whether the worker still has the project's practice ahead: it has some, and the worker has not gone through it.</summary>
    public async Task<bool> PendingAsync(long workerId, Project project, CancellationToken ct = default)
    {
        if (project.PracticeTasks == 0)
        {
            return false;
        }

        await using var c = await db.OpenAsync(ct);
        return !await c.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM practice_done WHERE worker_id = @workerId AND project_id = @projectId)",
            new { workerId, projectId = project.Id });
    }

    /// <summary>The practice task after <paramref name="afterId"/> (0: the first), or null when the worker's practice ends there.</summary>
    public async Task<PracticeTask?> NextAsync(long projectId, long afterId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(
            $"{Select} WHERE p.project_id = @projectId AND p.id > @afterId ORDER BY p.id LIMIT 1", new { projectId, afterId });
        return row is null || row.Position > MaxShown ? null : row.ToTask();
    }

    /// <summary>A practice task by id, with its project; null when there is none.</summary>
    public async Task<(PracticeTask Task, Project Project)?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE p.id = @id", new { id });
        return row is null ? null : (row.ToTask(), await cache.GetAsync(c, null, row.ProjectId));
    }

    /// <summary>Records that the worker went through the project's practice; false when that was already recorded.</summary>
    public async Task<bool> FinishAsync(long workerId, long projectId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync(
            "INSERT INTO practice_done (worker_id, project_id, done_at) VALUES (@workerId, @projectId, @now) ON CONFLICT (worker_id, project_id) DO NOTHING",
            new { workerId, projectId, now = Clock.Ms(time.GetUtcNow()) }) == 1;
    }

    /// <summary>Why a gold task's answer is right, when its requester said.</summary>
    public async Task<string?> ExplanationAsync(long taskId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<string?>("SELECT explanation FROM tasks WHERE id = @taskId", new { taskId });
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public long ProjectId { get; set; }
        public string Fields { get; set; } = "{}";
        public string GoldAnswer { get; set; } = "";
        public string Explanation { get; set; } = "";
        public long Position { get; set; }

        public PracticeTask ToTask() => new(Id, ProjectId, Json.Map(Fields), GoldAnswer, Explanation, (int)Position);
    }
}
