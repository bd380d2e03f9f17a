using Dapper;

namespace Microtask.Storage;

/// <summary>A task as /review shows it: its fields, the answers counted by value, the crowd's confidence, its place.</summary>
/// <param name="Rank">Its place in the project's review (1: the least sure); 0 when it is not in the review any more.</param>
/// <param name="Final">The requester's own answer, once set.</param>
public sealed record ReviewedTask(
    long TaskId, long ProjectId, IReadOnlyDictionary<string, string> Fields, IReadOnlyDictionary<string, int> Answers, double Confidence,
    int Rank, int Queued, string? Final, bool Gold);

/// <summary>
/// A requester's review of the tasks their crowd is least sure of: the queue a /review ranks, the final answers it sets
/// (one per task, whoever sets it first), and the settled tasks turned into gold.
/// </summary>
public sealed class ReviewStore(IDatabase db, TimeProvider time)
{
    private const string Item = """
        SELECT q.task_id, t.project_id, t.fields, q.answers, q.confidence, q.rank,
               (SELECT COUNT(*) FROM review_queue c WHERE c.project_id = q.project_id) AS queued,
               f.answer AS final, t.gold_answer IS NOT NULL AS gold
        FROM review_queue q JOIN tasks t ON t.id = q.task_id LEFT JOIN final_answers f ON f.task_id = q.task_id
        """;

    /// <summary>Replaces the project's review with these tasks, least sure first.</summary>
    public Task QueueAsync(long projectId, IReadOnlyList<(long TaskId, IReadOnlyDictionary<string, int> Answers, double Confidence)> tasks, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                await c.ExecuteAsync("DELETE FROM review_queue WHERE project_id = @projectId", new { projectId }, tx);
                await c.ExecuteAsync(
                    "INSERT INTO review_queue (project_id, task_id, rank, answers, confidence) VALUES (@projectId, @TaskId, @rank, @answers, @Confidence)",
                    tasks.Select((t, i) => new { projectId, t.TaskId, rank = i + 1, answers = Json.Of(t.Answers), t.Confidence }),
                    tx);
                return 0;
            },
            ct);

    /// <summary>The first task of the project's review after <paramref name="afterRank"/> that nobody has settled yet.</summary>
    public async Task<ReviewedTask?> NextAsync(long projectId, int afterRank, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QueryFirstOrDefaultAsync<Row>(
            $"{Item} WHERE q.project_id = @projectId AND q.rank > @afterRank AND f.task_id IS NULL AND t.gold_answer IS NULL ORDER BY q.rank LIMIT 1",
            new { projectId, afterRank });
        return row?.ToItem();
    }

    /// <summary>A task of the project's review, settled or not; null when the review no longer holds it.</summary>
    public async Task<ReviewedTask?> FindAsync(long taskId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryFirstOrDefaultAsync<Row>($"{Item} WHERE q.task_id = @taskId", new { taskId }))?.ToItem();
    }

    /// <summary>Sets the task's final answer; false when it already had one (another review came first).</summary>
    public async Task<bool> SettleAsync(long taskId, long projectId, string answer, long requesterId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync(
            """
            INSERT INTO final_answers (task_id, project_id, answer, decided_by, decided_at) VALUES (@taskId, @projectId, @answer, @requesterId, @now)
            ON CONFLICT (task_id) DO NOTHING
            """,
            new { taskId, projectId, answer, requesterId, now = Clock.Ms(time.GetUtcNow()) }) == 1;
    }

    /// <summary>Makes a settled task a gold task with its final answer; false when it is not settled or is gold already.</summary>
    public async Task<bool> MakeGoldAsync(long taskId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync(
            """
            UPDATE tasks SET gold_answer = (SELECT f.answer FROM final_answers f WHERE f.task_id = @taskId)
            WHERE id = @taskId AND gold_answer IS NULL AND EXISTS (SELECT 1 FROM final_answers f WHERE f.task_id = @taskId)
            """,
            new { taskId }) == 1;
    }

    /// <summary>The project's gold tasks and settled tasks: neither is for the crowd's answers to decide.</summary>
    public async Task<IReadOnlySet<long>> DecidedAsync(long projectId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<long>(
            """
            SELECT id FROM tasks WHERE project_id = @projectId AND gold_answer IS NOT NULL
            UNION SELECT task_id FROM final_answers WHERE project_id = @projectId
            """,
            new { projectId })).ToHashSet();
    }

    private sealed class Row
    {
        public long TaskId { get; set; }
        public long ProjectId { get; set; }
        public string Fields { get; set; } = "{}";
        public string Answers { get; set; } = "{}";
        public double Confidence { get; set; }
        public long Rank { get; set; }
        public long Queued { get; set; }
        public string? Final { get; set; }
        public bool Gold { get; set; }

        public ReviewedTask ToItem() => new(
            TaskId, ProjectId, Json.Map(Fields), System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(Answers) ?? [],
            Confidence, (int)Rank, (int)Queued, Final, Gold);
    }
}
