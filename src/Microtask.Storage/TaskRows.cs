using System.Data.Common;
using Dapper;
using Microtask.Core;
using Npgsql;
using NpgsqlTypes;

namespace Microtask.Storage;

/// <summary>Adds tasks to a project inside the caller's transaction: binary COPY on PostgreSQL, batched INSERTs on SQLite.</summary>
internal static class TaskRows
{
    public static async Task InsertAsync(DbConnection c, DbTransaction tx, long projectId, int overlap, IReadOnlyList<NewTask> tasks, CancellationToken ct, long? batchId = null)
    {
        if (c is NpgsqlConnection npgsql)
        {
            await using var importer = await npgsql.BeginBinaryImportAsync(
                "COPY tasks (project_id, fields, gold_answer, overlap, batch_id) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var task in tasks)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(projectId, NpgsqlDbType.Bigint, ct);
                await importer.WriteAsync(Json.Of(task.Fields), NpgsqlDbType.Text, ct);
                await importer.WriteAsync(task.GoldAnswer, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(overlap, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(batchId, NpgsqlDbType.Bigint, ct);
            }

            await importer.CompleteAsync(ct);
            return;
        }

        await c.ExecuteAsync(
            "INSERT INTO tasks (project_id, fields, gold_answer, overlap, batch_id) VALUES (@projectId, @fields, @GoldAnswer, @overlap, @batchId)",
            tasks.Select(t => new { projectId, fields = Json.Of(t.Fields), t.GoldAnswer, overlap, batchId }),
            tx);
    }
}
