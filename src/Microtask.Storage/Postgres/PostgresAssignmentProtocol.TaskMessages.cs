using System.Data.Common;
using Npgsql;

namespace Microtask.Storage.Postgres;

/// <summary>Task messages' ids: a batch of primary-key updates in one round trip and one commit.</summary>
public sealed partial class PostgresAssignmentProtocol
{
    /// <summary>The task messages' queue: the assignment and the message that shows it.</summary>
    internal GroupCommit<(long AssignmentId, long MessageId), bool> TaskMessages { get; }

    /// <summary>The messages shown while one batch of these is written go together in the next.</summary>
    public Task SetMessageAsync(long assignmentId, long messageId, CancellationToken ct) =>
        TaskMessages.RunAsync((assignmentId, messageId), ct);

    /// <summary>
    /// The message ids of a batch, one plain update per message, all sent in one round trip and run in one implicit
    /// transaction (one commit). They run in the order given, so the last one given for an assignment wins, as it would
    /// one statement after another. The queue sorts a batch by assignment (a stable sort: one assignment's messages
    /// keep their order), as it does the answers' batches, so that the two meet the rows in one order (a deadlock the
    /// planner's order still lets through is a conflict, and the batch runs again). There is nothing to report but that
    /// it is done.
    /// </summary>
    /// <remarks>
    /// One statement per message rather than one over the batch's arrays: a primary-key update keeps one plan per
    /// connection, where an update over arrays was planned anew on every call.
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
