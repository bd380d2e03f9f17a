using Dapper;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>Workers and answers written straight to the database, as many as a test needs, without a chat for each.</summary>
internal static class StoredAnswers
{
    public static async Task<long[]> WorkersAsync(BotHarness bot, int count)
    {
        await using var c = await bot.Get<IDatabase>().OpenAsync(CancellationToken.None);
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = await c.ExecuteScalarAsync<long>(
                "INSERT INTO workers (telegram_id, name, consented, created_at) VALUES (@telegramId, @name, TRUE, 0) RETURNING id",
                new { telegramId = 900_000 + i, name = $"W{i}" });
        }

        return ids;
    }

    public static async Task<long[]> TaskIdsAsync(BotHarness bot, long projectId)
    {
        await using var c = await bot.Get<IDatabase>().OpenAsync(CancellationToken.None);
        return [.. await c.QueryAsync<long>("SELECT id FROM tasks WHERE project_id = @projectId ORDER BY id", new { projectId })];
    }

    /// <summary>Answers as the submit path leaves them: each with its submitted assignment.</summary>
    public static async Task AddAsync(BotHarness bot, long projectId, IReadOnlyList<(long Task, long Worker, string Value)> answers) =>
        await bot.Get<IDatabase>().InTransactionAsync(
            async (c, tx) =>
            {
                foreach (var (task, worker, value) in answers)
                {
                    var assignment = await c.ExecuteScalarAsync<long>(
                        """
                        INSERT INTO assignments (task_id, project_id, worker_id, state, created_at, expires_at, finished_at)
                        VALUES (@task, @projectId, @worker, 'submitted', 0, 0, 0) RETURNING id
                        """,
                        new { task, projectId, worker },
                        tx);
                    await c.ExecuteAsync(
                        """
                        INSERT INTO answers (task_id, project_id, worker_id, assignment_id, value, created_at)
                        VALUES (@task, @projectId, @worker, @assignment, @value, 0)
                        """,
                        new { task, projectId, worker, assignment, value },
                        tx);
                }

                return 0;
            },
            CancellationToken.None);
}
