using Dapper;

namespace Microtask.Storage;

/// <summary>A requester's view of its projects: counts, and the raw answers to aggregate.</summary>
public sealed record ProjectSummary(long Id, string Title, string State, int Tasks, int TasksDone, int Answers);

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

    /// <summary>
    /// Opens one read snapshot of a project's tasks and answers for an export that streams them (see
    /// <see cref="ResultSnapshot"/>). It holds a connection until disposed.
    /// </summary>
    public Task<ResultSnapshot> SnapshotAsync(long projectId, CancellationToken ct = default) => SnapshotAsync(projectId, null, ct);

    /// <inheritdoc cref="SnapshotAsync(long, CancellationToken)"/>
    /// <param name="leaveOutSuspendedAt">When set, the answers of workers suspended from the project or banned at that moment are left out.</param>
    public Task<ResultSnapshot> SnapshotAsync(long projectId, DateTimeOffset? leaveOutSuspendedAt, CancellationToken ct = default) =>
        SnapshotAsync(projectId, leaveOutSuspendedAt, null, ct);

    /// <inheritdoc cref="SnapshotAsync(long, DateTimeOffset?, CancellationToken)"/>
    /// <param name="changedAfter">When set, only the tasks with an answer whose id is greater (a client's cursor).</param>
    public async Task<ResultSnapshot> SnapshotAsync(long projectId, DateTimeOffset? leaveOutSuspendedAt, long? changedAfter, CancellationToken ct = default)
    {
        var c = await db.OpenAsync(ct);
        try
        {
            return new ResultSnapshot(c, await db.BeginSnapshotAsync(c, ct), projectId, leaveOutSuspendedAt, changedAfter);
        }
        catch
        {
            await c.DisposeAsync();
            throw;
        }
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
}
