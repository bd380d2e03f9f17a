using System.Data.Common;
using Dapper;

namespace Microtask.Storage;

public sealed partial class AssignmentStore
{
    /// <summary>The task messages' queue: the assignment and the message that shows it.</summary>
    internal GroupCommit<(long AssignmentId, long MessageId), bool> Messages { get; } = new(db, MessagesTogetherAsync, order: m => m.AssignmentId);

    /// <summary>
    /// Remembers which chat message shows the assignment, so that expiry can edit it. On PostgreSQL the messages shown
    /// while one batch of these is written go together in the next (<see cref="MessagesTogetherAsync"/>).
    /// </summary>
    public Task SetMessageAsync(long assignmentId, long messageId, CancellationToken ct = default) =>
        db.HasWritableCtes
            ? Messages.RunAsync((assignmentId, messageId), ct)
            : db.WriteAsync(
                c => c.ExecuteAsync("UPDATE assignments SET message_id = @messageId WHERE id = @assignmentId", new { assignmentId, messageId }),
                ct);

    /// <summary>
    /// The message ids of a batch, in one statement; the last one given for an assignment wins, as it would one
    /// statement after another. The queue sorts a batch by assignment, as it does the answers' batches, so that the
    /// two meet the rows in one order (a deadlock the planner's order still lets through is a conflict, and the batch runs again).
    /// There is nothing to report but that it is done.
    /// </summary>
    /// <remarks>
    /// Its own statement per task shown, this was the third of PostgreSQL's statements by time once claims were taken
    /// in batches: 0.13 ms of execution, and a commit, a round trip and the locks of assignments' indexes each.
    /// </remarks>
    private static async Task<bool[]> MessagesTogetherAsync(DbConnection c, IReadOnlyList<(long AssignmentId, long MessageId)> batch)
    {
        await c.ExecuteAsync(
            """
            UPDATE assignments a SET message_id = m.message_id
            FROM (SELECT DISTINCT ON (id) id, message_id FROM unnest(@ids, @messages) WITH ORDINALITY AS i (id, message_id, position)
                  ORDER BY id, position DESC) m
            WHERE a.id = m.id
            """,
            new { ids = batch.Select(m => m.AssignmentId).ToArray(), messages = batch.Select(m => m.MessageId).ToArray() });
        return Enumerable.Repeat(true, batch.Count).ToArray();
    }
}
