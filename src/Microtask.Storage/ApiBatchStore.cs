using Dapper;

namespace Microtask.Storage;

/// <summary>What the API adds to batches: the uploaded bytes (the chat's stay in Telegram) and the idempotency keys of imports.</summary>
public sealed class ApiBatchStore(IDatabase db, BatchStore batches, TimeProvider time)
{
    /// <summary>File id of a batch whose bytes are in batch_bodies, not in Telegram.</summary>
    public const string FileId = "api";

    public async Task<long> AddPendingAsync(long projectId, long requesterId, string fileName, string sha256, int rows, byte[] body, CancellationToken ct = default)
    {
        var batchId = await batches.AddPendingAsync(projectId, requesterId, FileId, fileName, sha256, rows, ct);
        await db.InTransactionAsync(
            (c, tx) => c.ExecuteAsync("INSERT INTO batch_bodies (batch_id, body) VALUES (@batchId, @body)", new { batchId, body }, tx),
            ct);
        return batchId;
    }

    public async Task<byte[]?> BodyAsync(long batchId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<byte[]>("SELECT body FROM batch_bodies WHERE batch_id = @batchId", new { batchId });
    }

    /// <summary>
    /// Binds <paramref name="key"/> of the token to the batch unless it is bound already; the batch it is bound to. Of two
    /// requests with one key at once, one binds it and both read the same batch back.
    /// </summary>
    public Task<long> BindKeyAsync(long tokenId, string key, long batchId, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                await c.ExecuteAsync(
                    """
                    INSERT INTO api_idempotency (token_id, key, batch_id, created_at) VALUES (@tokenId, @key, @batchId, @now)
                    ON CONFLICT (token_id, key) DO NOTHING
                    """,
                    new { tokenId, key, batchId, now = Clock.Ms(time.GetUtcNow()) },
                    tx);
                return await c.ExecuteScalarAsync<long>("SELECT batch_id FROM api_idempotency WHERE token_id = @tokenId AND key = @key", new { tokenId, key }, tx);
            },
            ct);
}
