using Dapper;

namespace Microtask.Storage.Postgres;

/// <summary>
/// PostgreSQL's assignment protocol. Claims, answers and task messages made at the same moment are written together
/// (<see cref="GroupCommit{TRequest, TResult}"/>): one round trip and one commit per batch, and a batch's rows are
/// locked for that one round trip, not across a chain of them.
/// </summary>
public sealed partial class PostgresAssignmentProtocol : IAssignmentProtocol
{
    private readonly PostgresDatabase db;
    private readonly ProjectCache projects;
    private readonly TimeProvider time;

    public PostgresAssignmentProtocol(PostgresDatabase db, ProjectCache projects, TimeProvider time)
    {
        (this.db, this.projects, this.time) = (db, projects, time);
        Claims = new(db, LeaseTogetherAsync, order: c => c.WorkerId);
        Answers = new(db, StoreTogetherAsync, order: a => a.AssignmentId);
        TaskMessages = new(db, MessagesTogetherAsync, order: m => m.AssignmentId);
    }

    /// <remarks>Every due lease ended and its slot returned in one statement, not two round trips each.</remarks>
    public Task<IReadOnlyList<ExpiredLease>> ExpireDueAsync(long? assignmentId, CancellationToken ct) =>
        db.InTransactionAsync<IReadOnlyList<ExpiredLease>>(
            async (c, tx) =>
            {
                var now = time.GetUtcNow();
                var which = assignmentId is null ? "" : "AND a.id = @assignmentId";
                return (await c.QueryAsync<AssignmentRow>(
                    $"""
                    WITH due AS (
                        UPDATE assignments a SET state = 'expired', finished_at = @now
                        WHERE a.state = 'active' AND a.expires_at <= @now {which}
                        RETURNING a.id, a.task_id, a.project_id, a.worker_id, a.expires_at, a.message_id, a.reminder_message_id),
                    freed AS (
                        UPDATE tasks t SET leases = t.leases - d.n
                        FROM (SELECT task_id, COUNT(*) AS n FROM due GROUP BY task_id) d WHERE t.id = d.task_id)
                    SELECT due.id, due.task_id, due.project_id, due.worker_id, 'expired' AS state, due.expires_at, due.message_id,
                           due.reminder_message_id, w.telegram_id, w.language
                    FROM due JOIN workers w ON w.id = due.worker_id ORDER BY due.id
                    """,
                    new { now = Clock.Ms(now), assignmentId },
                    tx)).Select(r => new ExpiredLease(r.ToAssignment(), r.TelegramId, r.Language, r.ReminderMessageId)).ToList();
            },
            ct);
}
