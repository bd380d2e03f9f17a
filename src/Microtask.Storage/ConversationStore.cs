using Dapper;

namespace Microtask.Storage;

/// <summary>
/// A multi-step conversation in progress (a requester's /newproject), one per user, kept in the database so that
/// a restart or another instance picks it up where it was.
/// </summary>
public sealed class ConversationStore(IDatabase db, TimeProvider time)
{
    /// <summary>
    /// How long a conversation waits for its next answer; one left longer is forgotten, so that days later the
    /// user's plain text is not taken as an answer to a question they no longer have in mind.
    /// </summary>
    public static readonly TimeSpan Idle = TimeSpan.FromHours(2);

    public async Task<string?> FindAsync(long workerId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<string?>(
            "SELECT data FROM conversations WHERE worker_id = @workerId AND updated_at > @since",
            new { workerId, since = Clock.Ms(time.GetUtcNow() - Idle) });
    }

    public Task SaveAsync(long workerId, string data, CancellationToken ct = default) =>
        db.InTransactionAsync(
            (c, tx) => c.ExecuteAsync(
                """
                INSERT INTO conversations (worker_id, data, updated_at) VALUES (@workerId, @data, @now)
                ON CONFLICT (worker_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
                """,
                new { workerId, data, now = Clock.Ms(time.GetUtcNow()) },
                tx),
            ct);

    /// <summary>Ends the conversation; false when there was none.</summary>
    public Task<bool> DeleteAsync(long workerId, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) => await c.ExecuteAsync("DELETE FROM conversations WHERE worker_id = @workerId", new { workerId }, tx) > 0,
            ct);
}
