using System.Data.Common;
using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

/// <summary>How leases end without an answer: released by the worker, reported, or run out; and the one extension.</summary>
public sealed partial class AssignmentStore
{
    /// <summary>Ends a live assignment without an answer (skip, pause); false when it was not live and the worker's.</summary>
    public Task<bool> ReleaseAsync(long assignmentId, long workerId, AssignmentState state, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) => await FinishOwnAsync(c, tx, assignmentId, workerId, state, time.GetUtcNow()) is not null,
            ct);

    /// <summary>Ends a live assignment because the worker reported its task, and records the report.</summary>
    public Task<bool> ReportAsync(long assignmentId, long workerId, ReportReason reason, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var now = time.GetUtcNow();
                if (await FinishOwnAsync(c, tx, assignmentId, workerId, AssignmentState.Reported, now) is not { } taskId)
                {
                    return false;
                }

                await c.ExecuteAsync(
                    "INSERT INTO reports (task_id, worker_id, reason, created_at) VALUES (@taskId, @workerId, @reason, @now)",
                    new { taskId, workerId, reason = reason.ToString(), now = Clock.Ms(now) },
                    tx);
                return true;
            },
            ct);

    /// <summary>
    /// Ends every active lease past its time limit and returns their slots to the pool. Only leases this call
    /// actually ended are returned: one answered a moment before must not be told its time is up.
    /// </summary>
    /// <param name="assignmentId">Only this lease (its own expiry job), or every due lease (the sweeper) when null.</param>
    public Task<IReadOnlyList<ExpiredLease>> ExpireDueAsync(long? assignmentId = null, CancellationToken ct = default) =>
        protocol.ExpireDueAsync(assignmentId, ct);

    /// <summary>
    /// The one extension a lease may have: its end moves on by the project's time limit. The new end, or null when
    /// the lease is not the worker's, not live, already extended, already over, or its project closed.
    /// </summary>
    public Task<DateTimeOffset?> ExtendAsync(long assignmentId, long workerId, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var expires = await c.ExecuteScalarAsync<long?>(
                    """
                    UPDATE assignments SET extended = TRUE,
                        expires_at = expires_at + (SELECT p.time_limit_seconds FROM projects p WHERE p.id = assignments.project_id) * 1000
                    WHERE id = @assignmentId AND worker_id = @workerId AND state = 'active' AND NOT extended AND expires_at > @now
                      AND (SELECT p.state FROM projects p WHERE p.id = assignments.project_id) <> 'Closed'
                    RETURNING expires_at
                    """,
                    new { assignmentId, workerId, now = Clock.Ms(time.GetUtcNow()) },
                    tx);
                return expires is { } ms ? Clock.At(ms) : (DateTimeOffset?)null;
            },
            ct);

    /// <summary>Every live lease, for putting back what Redis lost.</summary>
    public async Task<IReadOnlyList<Assignment>> LiveAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<AssignmentRow>(
            $"SELECT {Columns} FROM assignments WHERE state = 'active' AND expires_at > @now", new { now = Clock.Ms(time.GetUtcNow()) });
        return rows.Select(r => r.ToAssignment()).ToList();
    }

    /// <summary>Ends the worker's own live assignment; returns its task, or null when it was not live and theirs.</summary>
    private static async Task<long?> FinishOwnAsync(DbConnection c, DbTransaction tx, long assignmentId, long workerId, AssignmentState state, DateTimeOffset now)
    {
        var owned = await c.ExecuteScalarAsync<long?>(
            "SELECT id FROM assignments WHERE id = @assignmentId AND worker_id = @workerId AND state = 'active'",
            new { assignmentId, workerId },
            tx);
        return owned is null ? null : await FinishAsync(c, tx, assignmentId, state, now);
    }

    /// <summary>Moves an active assignment to a final state and gives its slot back; returns its task, or null if it was not active.</summary>
    internal static async Task<long?> FinishAsync(DbConnection c, DbTransaction tx, long id, AssignmentState state, DateTimeOffset now)
    {
        var taskId = await c.ExecuteScalarAsync<long?>(
            "UPDATE assignments SET state = @state, finished_at = @now WHERE id = @id AND state = 'active' RETURNING task_id",
            new { id, state = States.Of(state), now = Clock.Ms(now) },
            tx);
        if (taskId is { } t)
        {
            await c.ExecuteAsync("UPDATE tasks SET leases = leases - 1 WHERE id = @t", new { t }, tx);
        }

        return taskId;
    }
}
