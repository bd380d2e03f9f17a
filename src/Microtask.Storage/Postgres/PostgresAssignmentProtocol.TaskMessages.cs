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
    /// A batch's message ids, one primary-key update each (one plan per connection, where an update over arrays was
    /// planned on every call), in one round trip and one implicit transaction. They run in the order given, so the last
    /// one given for an assignment wins; the queue's stable sort by assignment keeps that order.
    /// </summary>
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
