using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;

namespace Microtask.Storage;

/// <summary>One stored answer as an export reads it.</summary>
public readonly record struct StoredAnswer(long TaskId, long WorkerId, string Value);

/// <summary>One task with all its answers, in the order they were given; <paramref name="Final"/> is its requester's own answer, if set.</summary>
public sealed record TaskWithAnswers(long Id, IReadOnlyDictionary<string, string> Fields, IReadOnlyList<StoredAnswer> Answers, string? Final = null);

/// <summary>
/// A project's tasks and answers read from one snapshot, row by row, never all at once: an export may read the
/// answers in a first pass and the tasks with their answers in a second, and both see the same answers.
/// </summary>
public sealed class ResultSnapshot : IAsyncDisposable
{
    // A large project's rows are sorted before the first one comes; the default 30 s is too short for that.
    private const int CommandTimeoutSeconds = 600;

    /// <summary>The workers whose answers are left out: suspended from the project or banned from the platform at @now.</summary>
    private const string Suspended = "SELECT b.worker_id FROM bans b WHERE b.until > @now AND (b.project_id = @projectId OR b.project_id IS NULL)";

    private readonly DbConnection connection;
    private readonly DbTransaction transaction;
    private readonly long projectId;
    private readonly long? now;
    private readonly long? since;

    /// <param name="leaveOutSuspendedAt">When set, the answers of workers suspended or banned at that moment are left out.</param>
    /// <param name="changedAfter">When set, <see cref="TasksAsync"/> gives only the tasks with an answer of a greater id.</param>
    internal ResultSnapshot(DbConnection connection, DbTransaction transaction, long projectId, DateTimeOffset? leaveOutSuspendedAt = null, long? changedAfter = null)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.projectId = projectId;
        now = leaveOutSuspendedAt is { } at ? Clock.Ms(at) : null;
        since = changedAfter;
    }

    private string Kept => now is null ? "" : $" AND worker_id NOT IN ({Suspended})";

    private string Changed(string taskId) =>
        since is null ? "" : $" AND {taskId} IN (SELECT task_id FROM answers WHERE project_id = @projectId AND id > @since{Kept})";

    /// <summary>The greatest answer id this snapshot sees (0 when none): the cursor a client passes back to get only what came after.</summary>
    public async Task<long> LastAnswerIdAsync(CancellationToken ct = default)
    {
        await using var reader = await ReadAsync($"SELECT COALESCE(MAX(id), 0) FROM answers WHERE project_id = @projectId{Kept}", ct);
        await reader.ReadAsync(ct);
        return reader.GetInt64(0);
    }

    /// <summary>The answers left out and the workers who gave them (zero when nothing is left out).</summary>
    public async Task<(int Answers, int Workers)> LeftOutAsync(CancellationToken ct = default)
    {
        if (now is null)
        {
            return (0, 0);
        }

        await using var reader = await ReadAsync(
            $"SELECT COUNT(*), COUNT(DISTINCT worker_id) FROM answers WHERE project_id = @projectId AND worker_id IN ({Suspended})", ct);
        await reader.ReadAsync(ct);
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    /// <summary>Every answer of the project, ordered by task id.</summary>
    public async IAsyncEnumerable<StoredAnswer> AnswersAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var reader = await ReadAsync(
            $"SELECT task_id, worker_id, value FROM answers WHERE project_id = @projectId{Kept} ORDER BY task_id", ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new StoredAnswer(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2));
        }
    }

    /// <summary>Every task of the project, ordered by id, each with its answers ordered by id.</summary>
    public async IAsyncEnumerable<TaskWithAnswers> TasksAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        // One ordered stream of both tables, each task's row followed by its answers: a snapshot is one
        // connection, and a connection reads one result at a time.
        await using var reader = await ReadAsync(
            $"""
            SELECT t.id AS task_id, 0 AS kind, 0 AS answer_id, 0 AS worker_id, t.fields AS body, f.answer AS final
            FROM tasks t LEFT JOIN final_answers f ON f.task_id = t.id WHERE t.project_id = @projectId{Changed("t.id")}
            UNION ALL
            SELECT task_id, 1, id, worker_id, value, NULL FROM answers WHERE project_id = @projectId{Kept}{Changed("task_id")}
            ORDER BY task_id, kind, answer_id
            """,
            ct);
        TaskWithAnswers? task = null;
        List<StoredAnswer> answers = [];
        while (await reader.ReadAsync(ct))
        {
            var taskId = reader.GetInt64(0);
            if (reader.GetInt32(1) == 0)
            {
                if (task is not null)
                {
                    yield return task;
                }

                answers = [];
                task = new TaskWithAnswers(taskId, Json.Map(reader.GetString(4)), answers, reader.IsDBNull(5) ? null : reader.GetString(5));
            }
            else if (task?.Id == taskId)
            {
                answers.Add(new StoredAnswer(taskId, reader.GetInt64(3), reader.GetString(4)));
            }
        }

        if (task is not null)
        {
            yield return task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync(); // read only: rolling back ends the snapshot as well as a commit would
        await connection.DisposeAsync();
    }

    private Task<DbDataReader> ReadAsync(string sql, CancellationToken ct) =>
        connection.ExecuteReaderAsync(new CommandDefinition(sql, new { projectId, now, since }, transaction, CommandTimeoutSeconds, cancellationToken: ct));
}
