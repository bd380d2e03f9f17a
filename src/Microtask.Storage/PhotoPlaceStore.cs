using Dapper;

namespace Microtask.Storage;

/// <summary>A worker's photo answer waiting for its place: Telegram's file id and size, and the message that sent it.</summary>
public sealed record WaitingPhoto(string FileId, long? Bytes, long MessageId);

/// <summary>
/// Photo answers of projects that ask where each photo was taken, between the photo and the location that completes the
/// answer. In the database, so that the location may come to another instance, or after a restart.
/// </summary>
public sealed class PhotoPlaceStore(IDatabase db, TimeProvider time)
{
    /// <summary>Keeps the photo for the assignment; a later photo for it replaces an earlier one.</summary>
    public Task KeepAsync(long assignmentId, WaitingPhoto photo, CancellationToken ct = default) =>
        db.WriteAsync(
            c => c.ExecuteAsync(
                """
                INSERT INTO photos_awaiting_place (assignment_id, file_id, bytes, message_id, created_at)
                VALUES (@assignmentId, @FileId, @Bytes, @MessageId, @now)
                ON CONFLICT (assignment_id) DO UPDATE
                SET file_id = excluded.file_id, bytes = excluded.bytes, message_id = excluded.message_id, created_at = excluded.created_at
                """,
                new { assignmentId, photo.FileId, photo.Bytes, photo.MessageId, now = Clock.Ms(time.GetUtcNow()) }),
            ct);

    public async Task<WaitingPhoto?> FindAsync(long assignmentId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(
            "SELECT file_id, bytes, message_id FROM photos_awaiting_place WHERE assignment_id = @assignmentId", new { assignmentId });
        return row is null ? null : new WaitingPhoto(row.FileId, row.Bytes, row.MessageId);
    }

    /// <summary>Forgets the photo once its answer is stored (or its task is gone).</summary>
    public Task DropAsync(long assignmentId, CancellationToken ct = default) =>
        db.WriteAsync(c => c.ExecuteAsync("DELETE FROM photos_awaiting_place WHERE assignment_id = @assignmentId", new { assignmentId }), ct);

    private sealed class Row
    {
        public string FileId { get; set; } = "";
        public long? Bytes { get; set; }
        public long MessageId { get; set; }
    }
}
