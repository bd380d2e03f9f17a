using Dapper;

namespace Microtask.Storage;

/// <summary>Who a broadcast reaches: workers who agreed to the terms, have not blocked the bot and are not banned.</summary>
public sealed class BroadcastStore(IDatabase db, TimeProvider time)
{
    public async Task<IReadOnlyList<long>> RecipientsAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<long>(
            """
            SELECT telegram_id FROM workers
            WHERE consented = TRUE AND active = TRUE AND (banned_until IS NULL OR banned_until <= @now)
            ORDER BY id
            """,
            new { now = Clock.Ms(time.GetUtcNow()) })).ToList();
    }
}
