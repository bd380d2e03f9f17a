using System.Collections.Concurrent;
using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

/// <summary>A file of a ZIP batch as the bot keeps it: its bytes under their SHA-256, uploaded to Telegram on first send.</summary>
public sealed record MediaBlob(string Sha256, string ContentType, string FileName, byte[] Content);

/// <summary>
/// Media values and what Telegram made of them: the file_id of each value's first send (kept here and in memory, since a
/// file_id never changes), the bytes of files from ZIP batches, and the tasks taken out because Telegram refused theirs.
/// </summary>
public sealed class MediaStore(IDatabase db, TimeProvider time)
{
    // The ids of a process's hot values; a cap keeps a long-running instance from holding every value it ever sent.
    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<(string Media, MediaKind Kind), string> known = new();

    /// <summary>The file_id Telegram gave when this value was first sent as this kind; null before.</summary>
    public async Task<string?> FileIdAsync(string media, MediaKind kind, CancellationToken ct = default)
    {
        if (known.TryGetValue((media, kind), out var id))
        {
            return id;
        }

        await using var c = await db.OpenAsync(ct);
        id = await c.ExecuteScalarAsync<string?>(
            "SELECT file_id FROM media_files WHERE media = @media AND kind = @kind", new { media, kind = kind.Name() });
        if (id is not null)
        {
            Remember(media, kind, id);
        }

        return id;
    }

    /// <summary>Keeps the file_id of a value's first send; a second instance's first send of the same value keeps the first one stored.</summary>
    public async Task SaveFileIdAsync(string media, MediaKind kind, string fileId, CancellationToken ct = default)
    {
        await db.WriteAsync(
            c => c.ExecuteAsync(
                "INSERT INTO media_files (media, kind, file_id, created_at) VALUES (@media, @kind, @fileId, @now) ON CONFLICT (media, kind) DO NOTHING",
                new { media, kind = kind.Name(), fileId, now = Clock.Ms(time.GetUtcNow()) }),
            ct);
        Remember(media, kind, fileId);
    }

    public async Task<MediaBlob?> BlobAsync(string sha256, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<BlobRow>(
            "SELECT sha256, content_type, file_name, content FROM media_blobs WHERE sha256 = @sha256", new { sha256 });
        return row is null ? null : new MediaBlob(row.Sha256, row.ContentType, row.FileName, row.Content);
    }

    /// <summary>
    /// Takes a task whose media Telegram refused out of the pool (answers given stay, live leases may finish) and records
    /// why; true only the first time for the task, so its requester is told once.
    /// </summary>
    public Task<bool> RefuseAsync(long taskId, string media, string reason, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                await c.ExecuteAsync("UPDATE tasks SET overlap = answers + leases, overlap_max = NULL WHERE id = @taskId", new { taskId }, tx);
                return await c.ExecuteAsync(
                    """
                    INSERT INTO media_refusals (task_id, media, reason, created_at) VALUES (@taskId, @media, @reason, @now)
                    ON CONFLICT (task_id) DO NOTHING
                    """,
                    new { taskId, media, reason, now = Clock.Ms(time.GetUtcNow()) },
                    tx) == 1;
            },
            ct);

    /// <summary>Keeps files' bytes (the sample project's pictures); bytes already kept are left as they are.</summary>
    public Task AddBlobsAsync(IReadOnlyList<MediaBlob> blobs, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                await AddBlobsAsync(c, tx, blobs, Clock.Ms(time.GetUtcNow()));
                return 0;
            },
            ct);

    /// <summary>Adds blobs inside the caller's transaction (a batch's import); bytes already kept are left as they are.</summary>
    internal static async Task AddBlobsAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, IReadOnlyList<MediaBlob> blobs, long now)
    {
        foreach (var blob in blobs)
        {
            await c.ExecuteAsync(
                """
                INSERT INTO media_blobs (sha256, content_type, file_name, content, created_at)
                VALUES (@Sha256, @ContentType, @FileName, @Content, @now) ON CONFLICT (sha256) DO NOTHING
                """,
                new { blob.Sha256, blob.ContentType, blob.FileName, blob.Content, now },
                tx);
        }
    }

    private void Remember(string media, MediaKind kind, string fileId)
    {
        if (known.Count >= MaxRemembered)
        {
            known.Clear();
        }

        known[(media, kind)] = fileId;
    }

    private sealed class BlobRow
    {
        public string Sha256 { get; set; } = "";
        public string ContentType { get; set; } = "";
        public string FileName { get; set; } = "";
        public byte[] Content { get; set; } = [];
    }
}
