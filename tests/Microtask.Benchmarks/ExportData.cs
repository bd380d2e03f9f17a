using Microsoft.Extensions.DependencyInjection;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Benchmarks;

/// <summary>
/// A big answered project made in a few statements on the server (PostgreSQL): tasks, one submitted assignment per
/// answer and the answers, three distinct workers per task. A simulated crowd: each task's truth is its id mod 3;
/// every fifth worker clicks at random, the others are right 80 % of the time.
/// </summary>
internal static class ExportData
{
    private const long FirstTelegramId = 5_000_000;

    public static Task WorkersAsync(IDatabase db, int workers) => db.ExecuteAsync(
        "INSERT INTO workers (telegram_id, name, consented, created_at) SELECT @FirstTelegramId + g, 'Worker ' || g, TRUE, 0 FROM generate_series(0, @workers - 1) g",
        new { FirstTelegramId, workers });

    /// <summary>A single-choice project with exactly <paramref name="answers"/> answers (the last task may have fewer than 3).</summary>
    public static async Task<long> ProjectAsync(BotUnderLoad bot, string[] choices, int answers, int workers)
    {
        var id = await bot.App.Services.GetRequiredService<ProjectStore>().CreateAsync(
            new NewProject($"Export {answers}", "Which animal?", AnswerKind.SingleChoice, choices, "{{text}} {{image}}", 10, 3, TimeSpan.FromMinutes(10)),
            [],
            ProjectState.Closed);
        var parameters = new { id, answers, tasks = (answers + 2) / 3, workers, FirstTelegramId, choices };
        var db = bot.Database;
        await db.ExecuteAsync(
            """
            INSERT INTO tasks (project_id, fields, overlap, answers)
            SELECT @id, json_build_object('text', 'Foto nomor ' || g || ': seekor hewan di taman, difoto pada sore hari',
                                          'image', 'https://cdn.example.org/images/' || lpad(g::text, 8, '0') || '.jpg')::text,
                   3, LEAST(3, @answers - g * 3)
            FROM generate_series(0, @tasks - 1) g
            """,
            parameters,
            timeoutSeconds: 0);
        await db.ExecuteAsync(
            """
            INSERT INTO assignments (task_id, project_id, worker_id, state, created_at, expires_at, finished_at)
            SELECT t.id, @id, w.id, 'submitted', 0, 0, 0
            FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM tasks WHERE project_id = @id) t
            CROSS JOIN generate_series(0, 2) k
            JOIN workers w ON w.telegram_id = @FirstTelegramId + (t.n * 7 + k * 613) % @workers
            WHERE t.n * 3 + k < @answers
            ORDER BY t.id, k
            """,
            parameters,
            timeoutSeconds: 0);
        await db.ExecuteAsync(
            """
            INSERT INTO answers (task_id, project_id, worker_id, assignment_id, value, created_at)
            SELECT a.task_id, @id, a.worker_id, a.id,
                   CASE WHEN a.worker_id % 5 = 0 THEN (@choices::text[])[1 + (a.id * 7919) % 3]
                        WHEN (a.id * 40503) % 10 < 8 THEN (@choices::text[])[1 + a.task_id % 3]
                        ELSE (@choices::text[])[1 + (a.task_id + 1 + a.id % 2) % 3] END,
                   0
            FROM assignments a WHERE a.project_id = @id ORDER BY a.id
            """,
            parameters,
            timeoutSeconds: 0);
        await db.ExecuteAsync("ANALYZE tasks; ANALYZE answers; ANALYZE assignments", timeoutSeconds: 0);
        return id;
    }
}
