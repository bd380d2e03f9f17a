using Dapper;

namespace Microtask.Storage;

/// <summary>A worker whose daily reminder is due: where to send it, in which language, and their own limit.</summary>
public sealed record NudgeCandidate(long Id, long TelegramId, string Language, int? DailyLimit);

/// <summary>One (time zone, minute of the day) at which at least one worker wants a reminder.</summary>
public sealed record ReminderSlot(string Zone, int MinuteOfDay);

public sealed partial class WorkerStore
{
    /// <summary>
    /// Workers to remind at <paramref name="minuteOfDay"/> in <paramref name="zone"/> who were not reminded on
    /// <paramref name="localDate"/> yet, one page in id order after <paramref name="afterId"/>. Workers without a
    /// time zone of their own live in <paramref name="defaultZone"/>.
    /// </summary>
    public async Task<IReadOnlyList<NudgeCandidate>> DueForNudgeAsync(
        string zone, string defaultZone, int minuteOfDay, string localDate, long afterId, int page, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<NudgeRow>(
            """
            SELECT id, telegram_id, language, daily_limit FROM workers
            WHERE remind_at = @minuteOfDay AND id > @afterId AND active = TRUE AND consented = TRUE
              AND COALESCE(time_zone, @defaultZone) = @zone
              AND (last_nudged_on IS NULL OR last_nudged_on <> @localDate)
            ORDER BY id LIMIT @page
            """,
            new { zone, defaultZone, minuteOfDay, localDate, afterId, page });
        return rows.Select(r => new NudgeCandidate(r.Id, r.TelegramId, r.Language, (int?)r.DailyLimit)).ToList();
    }

    /// <summary>Claims today's reminder for the worker: true once per local date, however often the job runs.</summary>
    public Task<bool> MarkNudgedAsync(long workerId, string localDate, CancellationToken ct = default) =>
        db.WriteAsync(
            async c => await c.ExecuteAsync(
                "UPDATE workers SET last_nudged_on = @localDate WHERE id = @workerId AND (last_nudged_on IS NULL OR last_nudged_on <> @localDate)",
                new { workerId, localDate }) == 1,
            ct);

    /// <summary>Every (zone, minute) that has reminders: the recurring jobs that must exist.</summary>
    public async Task<IReadOnlyList<ReminderSlot>> ReminderSlotsAsync(string defaultZone, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<SlotRow>(
            "SELECT DISTINCT COALESCE(time_zone, @defaultZone) AS zone, remind_at AS minute FROM workers WHERE remind_at IS NOT NULL",
            new { defaultZone });
        return rows.Select(r => new ReminderSlot(r.Zone, (int)r.Minute)).ToList();
    }

    public async Task<bool> AnyReminderAtAsync(string zone, string defaultZone, int minuteOfDay, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM (SELECT 1 FROM workers WHERE remind_at = @minuteOfDay AND COALESCE(time_zone, @defaultZone) = @zone LIMIT 1) x",
            new { zone, defaultZone, minuteOfDay }) > 0;
    }
}

internal sealed class NudgeRow
{
    public long Id { get; set; }
    public long TelegramId { get; set; }
    public string Language { get; set; } = "";
    public long? DailyLimit { get; set; }
}

internal sealed class SlotRow
{
    public string Zone { get; set; } = "";
    public long Minute { get; set; }
}
