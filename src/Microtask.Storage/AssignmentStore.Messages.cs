using System.Data.Common;
using Dapper;
using Npgsql;

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
    /// The message ids of a batch, one plain update per message, all sent in one round trip and run in one implicit
    /// transaction (one commit). They run in the order given, so the last one given for an assignment wins, as it would
    /// one statement after another. The queue sorts a batch by assignment (a stable sort: one assignment's messages
    /// keep their order), as it does the answers' batches, so that the two meet the rows in one order (a deadlock the
    /// planner's order still lets through is a conflict, and the batch runs again). There is nothing to report but that
    /// it is done.
    /// </summary>
    /// <remarks>
    /// Its own statement and commit per task shown, this was the third of PostgreSQL's statements by time once claims
    /// were taken in batches. One statement over the batch's arrays (<c>UPDATE … FROM unnest(…)</c>) was planned anew on
    /// every call: PostgreSQL's estimate for an array it cannot see made the generic plan look dearer than a custom one,
    /// and its planning (0.24 ms) cost more than its execution (0.14 ms); forced generic, the plan joined the whole
    /// table (1.5 ms). A primary-key update has one plan, prepared once per connection (docs/BENCHMARKS.md, "A ninth pass").
    /// </remarks>
    private static async Task<bool[]> MessagesTogetherAsync(DbConnection c, IReadOnlyList<(long AssignmentId, long MessageId)> batch)
    {
        await using var command = new NpgsqlBatch((NpgsqlConnection)c);
        foreach (var (assignmentId, messageId) in batch)
        {
            command.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE assignments SET message_id = $2 WHERE id = $1")
            {
                Parameters = { new() { Value = assignmentId }, new() { Value = messageId } },
            });
        }

        await command.ExecuteNonQueryAsync();
        return Enumerable.Repeat(true, batch.Count).ToArray();
    }
}
