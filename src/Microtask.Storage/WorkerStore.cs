using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

/// <summary>Workers: who they are, their language, consent, balance and gold record.</summary>
public sealed partial class WorkerStore(IDatabase db, TimeProvider time)
{
    private const string Columns = "id, telegram_id, name, language, consented, active, balance, gold_total, gold_correct, roles, banned_until, daily_limit, time_zone, remind_at, username";

    /// <summary>Finds the worker for a Telegram user, creating it on first contact; a returning user is active again.</summary>
    public Task<Worker> EnsureAsync(long telegramId, string name, string language, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) => (await ReadAsync(
                c,
                $"""
                INSERT INTO workers (telegram_id, name, language, created_at) VALUES (@telegramId, @name, @language, @now)
                ON CONFLICT (telegram_id) DO UPDATE SET name = excluded.name, active = TRUE
                RETURNING {Columns}
                """,
                new { telegramId, name, language, now = Clock.Ms(time.GetUtcNow()) },
                tx))!,
            ct);

    /// <summary>Grants or takes back a role ("requester", "admin"); false when the user is unknown or nothing changed.</summary>
    public Task<bool> SetRoleAsync(long workerId, string role, bool granted, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                if (await c.ExecuteScalarAsync<string?>("SELECT roles FROM workers WHERE id = @workerId", new { workerId }, tx) is not { } current)
                {
                    return false;
                }

                var roles = current.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
                if (!(granted ? roles.Add(role) : roles.Remove(role)))
                {
                    return false;
                }

                await c.ExecuteAsync(
                    "UPDATE workers SET roles = @roles WHERE id = @workerId", new { workerId, roles = string.Join(',', roles.Order(StringComparer.Ordinal)) }, tx);
                return true;
            },
            ct);

    /// <summary>A worker by our own id (not the Telegram one).</summary>
    public async Task<Worker?> GetAsync(long workerId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await ReadAsync(c, $"SELECT {Columns} FROM workers WHERE id = @workerId", new { workerId });
    }

    public async Task<Worker?> FindAsync(long telegramId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await ReadAsync(c, $"SELECT {Columns} FROM workers WHERE telegram_id = @telegramId", new { telegramId });
    }

    public Task SetLanguageAsync(long workerId, string language, CancellationToken ct = default) =>
        Execute("UPDATE workers SET language = @language WHERE id = @workerId", new { workerId, language }, ct);

    public Task SetConsentAsync(long workerId, CancellationToken ct = default) =>
        Execute("UPDATE workers SET consented = TRUE WHERE id = @workerId", new { workerId }, ct);

    /// <summary>Called when Telegram says the user blocked the bot: no more messages until they come back.</summary>
    public Task SetInactiveAsync(long telegramId, CancellationToken ct = default) =>
        Execute("UPDATE workers SET active = FALSE WHERE telegram_id = @telegramId", new { telegramId }, ct);

    /// <summary>The worker with counts of answers since <paramref name="dayStart"/> and in all.</summary>
    public async Task<WorkerStats?> StatsAsync(long telegramId, DateTimeOffset dayStart, CancellationToken ct = default)
    {
        var worker = await FindAsync(telegramId, ct);
        if (worker is null)
        {
            return null;
        }

        await using var c = await db.OpenAsync(ct);
        var counts = await c.QuerySingleAsync<CountsRow>(
            """
            SELECT COALESCE(SUM(CASE WHEN created_at >= @since THEN 1 ELSE 0 END), 0) AS today, COUNT(*) AS total
            FROM answers WHERE worker_id = @id
            """,
            new { id = worker.Id, since = Clock.Ms(dayStart) });
        return new WorkerStats(worker, (int)counts.Today, (int)counts.Total);
    }

    private Task<int> Execute(string sql, object args, CancellationToken ct) =>
        db.InTransactionAsync(async (c, tx) => await c.ExecuteAsync(sql, args, tx), ct);
}

internal sealed class CountsRow
{
    public long Today { get; set; }
    public long Total { get; set; }
}
