using Dapper;

namespace Microtask.Storage;

/// <summary>Values the bot makes for itself once and keeps, the same for every instance on the database.</summary>
public sealed class SettingStore(IDatabase db, TimeProvider time)
{
    /// <summary>
    /// The stored value of <paramref name="name"/>; when there is none yet, <paramref name="candidate"/> is stored and
    /// returned. Instances starting together each offer their own candidate, and all get the one stored first.
    /// </summary>
    public async Task<string> GetOrAddAsync(string name, string candidate, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(
            "INSERT INTO settings (name, value, created_at) VALUES (@name, @candidate, @now) ON CONFLICT (name) DO NOTHING",
            new { name, candidate, now = Clock.Ms(time.GetUtcNow()) });
        return await c.ExecuteScalarAsync<string>("SELECT value FROM settings WHERE name = @name", new { name }) ?? candidate;
    }
}
