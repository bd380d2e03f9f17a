using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

public enum ImportOutcome
{
    Imported,
    AlreadyImported,
    NotFound,
}

/// <summary>A checked upload waiting for the requester's Import, or imported.</summary>
public sealed record Batch(long Id, long ProjectId, long RequesterId, string FileId, string FileName, string Sha256, int Rows, bool Imported);

/// <summary>Where an imported task came from: the uploaded file's name and the task's line in it.</summary>
public sealed record TaskSource(string FileName, int Line);

/// <summary>Uploaded batch files and their all-or-nothing import.</summary>
public sealed class BatchStore(IDatabase db, TimeProvider time)
{
    public Task<long> AddPendingAsync(long projectId, long requesterId, string fileId, string fileName, string sha256, int rows, CancellationToken ct = default) =>
        db.InTransactionAsync(
            (c, tx) => c.ExecuteScalarAsync<long>(
                """
                INSERT INTO batches (project_id, requester_id, file_id, file_name, sha256, rows_ok, state, created_at)
                VALUES (@projectId, @requesterId, @fileId, @fileName, @sha256, @rows, 'pending', @now) RETURNING id
                """,
                new { projectId, requesterId, fileId, fileName, sha256, rows, now = Clock.Ms(time.GetUtcNow()) },
                tx),
            ct);

    public async Task<Batch?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<BatchRow>(
            "SELECT id, project_id, requester_id, file_id, file_name, sha256, rows_ok, state FROM batches WHERE id = @id", new { id });
        return row is null ? null : Of(row);
    }

    /// <summary>The upload of this file (by its bytes) already imported into the project, if any.</summary>
    public async Task<Batch?> ImportedWithHashAsync(long projectId, string sha256, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<BatchRow>(
            """
            SELECT id, project_id, requester_id, file_id, file_name, sha256, rows_ok, state FROM batches
            WHERE project_id = @projectId AND sha256 = @sha256 AND state = 'imported'
            """,
            new { projectId, sha256 });
        return row is null ? null : Of(row);
    }

    /// <summary>The file and line a task was imported from; null for a task not imported from a file.</summary>
    public async Task<TaskSource?> SourceOfAsync(long taskId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<SourceRow>(
            """
            SELECT b.file_name, t.source_line FROM tasks t JOIN batches b ON b.id = t.batch_id
            WHERE t.id = @taskId AND t.source_line IS NOT NULL
            """,
            new { taskId });
        return row is null ? null : new TaskSource(row.FileName, (int)row.SourceLine);
    }

    /// <summary>
    /// Adds the batch's tasks and marks it imported in one transaction: a failure half way leaves no task behind,
    /// and a second Import (or the same file in another batch) adds nothing.
    /// </summary>
    /// <param name="media">The bytes of the files the tasks name (a ZIP batch's), written in the same transaction.</param>
    public async Task<ImportOutcome> ImportAsync(long batchId, long requesterId, IReadOnlyList<NewTask> tasks, IReadOnlyList<MediaBlob>? media = null, CancellationToken ct = default)
    {
        ImportOutcome outcome;
        try
        {
            outcome = await db.InTransactionAsync(
                async (c, tx) =>
                {
                    var batch = await c.QuerySingleOrDefaultAsync<BatchTarget>(
                        """
                        SELECT b.project_id, b.sha256, p.overlap, p.overlap_max, p.overlap_target FROM batches b JOIN projects p ON p.id = b.project_id
                        WHERE b.id = @batchId AND b.requester_id = @requesterId AND b.state = 'pending'
                        """,
                        new { batchId, requesterId },
                        tx);
                    if (batch is null)
                    {
                        return await c.ExecuteScalarAsync<long?>("SELECT id FROM batches WHERE id = @batchId AND requester_id = @requesterId", new { batchId, requesterId }, tx) is null
                            ? ImportOutcome.NotFound
                            : ImportOutcome.AlreadyImported;
                    }

                    // Marked first: the unique index refuses a second import of the same file before any task is written,
                    // and of two imports of this batch at once the second finds it no longer pending once the first commits.
                    if (await c.ExecuteAsync("UPDATE batches SET state = 'imported' WHERE id = @batchId AND state = 'pending'", new { batchId }, tx) == 0)
                    {
                        return ImportOutcome.AlreadyImported;
                    }

                    await MediaStore.AddBlobsAsync(c, tx, media ?? [], Clock.Ms(time.GetUtcNow()));
                    var overlap = OverlapRule.Of((int)batch.Overlap, (int?)batch.OverlapMax, (int?)batch.OverlapTarget);
                    await db.InsertTasksAsync(c, tx, batch.ProjectId, overlap, [.. tasks.Where(t => !t.Practice)], batchId, ct);
                    await PracticeStore.AddAsync(c, tx, batch.ProjectId, batchId, [.. tasks.Where(t => t.Practice)]);
                    return ImportOutcome.Imported;
                },
                ct);
        }
        catch (System.Data.Common.DbException e) when (Conflicts.IsConflict(e))
        {
            return ImportOutcome.AlreadyImported;
        }

        if (outcome == ImportOutcome.Imported)
        {
            await db.AnalyzeAsync("tasks");
        }

        return outcome;
    }

    /// <summary>
    /// Marks an imported batch completed when none of its tasks wants another answer; the batch the first time
    /// that happens, null every other time (so the requester is told once), until slots offered again unmark it.
    /// </summary>
    public Task<Batch?> CompleteIfDoneAsync(long batchId, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var row = await c.QuerySingleOrDefaultAsync<BatchRow>(
                    """
                    UPDATE batches SET completed_at = @now
                    WHERE id = @batchId AND state = 'imported' AND completed_at IS NULL
                      AND NOT EXISTS (SELECT 1 FROM tasks WHERE batch_id = @batchId AND answers < overlap)
                    RETURNING id, project_id, requester_id, file_id, file_name, sha256, rows_ok, state
                    """,
                    new { batchId, now = Clock.Ms(time.GetUtcNow()) },
                    tx);
                return row is null ? null : Of(row);
            },
            ct);

    private static Batch Of(BatchRow row) =>
        new(row.Id, row.ProjectId, row.RequesterId, row.FileId, row.FileName, row.Sha256, (int)row.RowsOk, row.State == "imported");

    private sealed class BatchRow
    {
        public long Id { get; set; }
        public long ProjectId { get; set; }
        public long RequesterId { get; set; }
        public string FileId { get; set; } = "";
        public string FileName { get; set; } = "";
        public string Sha256 { get; set; } = "";
        public long RowsOk { get; set; }
        public string State { get; set; } = "";
    }

    private sealed class SourceRow
    {
        public string FileName { get; set; } = "";
        public long SourceLine { get; set; }
    }

    private sealed class BatchTarget
    {
        public long ProjectId { get; set; }
        public string Sha256 { get; set; } = "";
        public long Overlap { get; set; }
        public long? OverlapMax { get; set; }
        public long? OverlapTarget { get; set; }
    }
}
