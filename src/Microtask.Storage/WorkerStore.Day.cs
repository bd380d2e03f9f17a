using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

public sealed partial class WorkerStore
{
    public async Task<WorkerDaySettings> DaySettingsAsync(long workerId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<DaySettingsRow>(
            "SELECT daily_limit, time_zone, remind_at FROM workers WHERE id = @workerId", new { workerId });
        return row?.ToSettings() ?? new WorkerDaySettings(null, null, null);
    }

    /// <param name="limit">Answers per local day, 1–1000; null turns the worker's own limit off.</param>
    public Task SetDailyLimitAsync(long workerId, int? limit, CancellationToken ct = default) =>
        Execute("UPDATE workers SET daily_limit = @limit WHERE id = @workerId", new { workerId, limit }, ct);

    /// <param name="zone">An IANA time zone id, already checked by the caller.</param>
    public Task SetTimeZoneAsync(long workerId, string zone, CancellationToken ct = default) =>
        Execute("UPDATE workers SET time_zone = @zone WHERE id = @workerId", new { workerId, zone }, ct);

    /// <param name="minuteOfDay">Minutes after local midnight; null turns the reminder off.</param>
    public Task SetReminderAsync(long workerId, int? minuteOfDay, CancellationToken ct = default) =>
        Execute("UPDATE workers SET remind_at = @minuteOfDay WHERE id = @workerId", new { workerId, minuteOfDay }, ct);

    /// <summary>Answers the worker gave since <paramref name="since"/>: the record a lost daily counter is rebuilt from.</summary>
    public async Task<int> AnsweredSinceAsync(long workerId, DateTimeOffset since, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (int)await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM answers WHERE worker_id = @workerId AND created_at >= @since", new { workerId, since = Clock.Ms(since) });
    }
}

internal sealed class DaySettingsRow
{
    public long? DailyLimit { get; set; }
    public string? TimeZone { get; set; }
    public long? RemindAt { get; set; }

    public WorkerDaySettings ToSettings() => new((int?)DailyLimit, TimeZone, (int?)RemindAt);
}
