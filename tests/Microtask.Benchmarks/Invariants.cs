using Dapper;
using Microtask.Sandbox;

namespace Microtask.Benchmarks;

/// <summary>What the database holds after the run, against what the workers were told.</summary>
internal sealed record InvariantReport(
    long TasksOverOverlap, long CounterDrift, long DuplicateAnswers, long StoredAnswers, long ConfirmedAnswers,
    long CompletedPresses, long LedgerSum)
{
    public bool Holds =>
        TasksOverOverlap == 0 && CounterDrift == 0 && DuplicateAnswers == 0 && LedgerSum == 0
        && StoredAnswers == ConfirmedAnswers && ConfirmedAnswers == CompletedPresses;

    /// <summary>
    /// Run once the workers have stopped and every press was answered: the same SQL on SQLite and PostgreSQL.
    /// "Confirmed" counts the task messages the bot edited to say the answer was saved.
    /// </summary>
    public static async Task<InvariantReport> CheckAsync(BotUnderLoad bot, IReadOnlyList<SandboxUser> users, long completedPresses)
    {
        await using var c = await bot.Database.OpenAsync(CancellationToken.None);
        Task<long> Count(string sql) => c.ExecuteScalarAsync<long>(sql);
        var over = await Count("SELECT COUNT(*) FROM tasks t WHERE (SELECT COUNT(*) FROM answers a WHERE a.task_id = t.id) > t.overlap");
        var drift = await Count("SELECT COUNT(*) FROM tasks t WHERE t.answers <> (SELECT COUNT(*) FROM answers a WHERE a.task_id = t.id)");
        var duplicates = await Count("SELECT COUNT(*) FROM (SELECT task_id, worker_id FROM answers GROUP BY task_id, worker_id HAVING COUNT(*) > 1) d");
        var stored = await Count("SELECT COUNT(*) FROM answers");
        var ledger = await Count("SELECT COALESCE(SUM(amount), 0) FROM ledger");
        var confirmed = users.Sum(u => (long)bot.Emulator.Transcript(u.Id).Count(m => m.FromBot && m.PlainText.Contains("Saved:", StringComparison.Ordinal)));
        return new InvariantReport(over, drift, duplicates, stored, confirmed, completedPresses, ledger);
    }
}
