using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Core;
using Microtask.Storage;
using Microtask.Storage.Coordination;

namespace Microtask.Bot.Workers;

/// <summary>Whose cap is the one in force: the platform's, or the worker's own lower one.</summary>
internal enum LimitSource
{
    Platform,
    Own,
}

/// <summary>The worker's day so far: which local day, how many answers in it, and the limit that applies.</summary>
internal sealed record DayQuota(TimeZoneInfo Zone, DateOnly Date, DateTimeOffset DayStart, DateTimeOffset NextDay, int Done, int Limit, LimitSource Source)
{
    public bool Reached => Done >= Limit;
}

/// <summary>
/// Daily limits: the platform's cap and the worker's own limit, counted over the worker's local day. (A project's
/// own daily cap is the claim's business: it only takes that project's tasks off the worker's list.)
/// Scoped: one update knows the day's count after counting an answer without asking for it again.
/// </summary>
internal sealed class DailyLimits(
    WorkerStore workers, WorkerSettings settings, IDailyCounters counters, TimeProvider time, IOptions<QuotaOptions> quotas)
{
    private (long WorkerId, DateOnly Date, int Done)? counted;

    public int PlatformCap => quotas.Value.PlatformDailyCap;

    public async Task<DayQuota> TodayAsync(Worker worker, CancellationToken ct)
    {
        var own = await settings.OfAsync(worker, ct);
        return await TodayAsync(worker.Id, own.DailyLimit, settings.ZoneOf(own), ct);
    }

    /// <summary>The quota of a worker whose settings the caller already has (the reminder job reads them in pages).</summary>
    public async Task<DayQuota> TodayAsync(long workerId, int? ownLimit, TimeZoneInfo zone, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var dayStart = LocalDay.StartOf(now, zone);
        var done = (counted is { } k && k.WorkerId == workerId && k.Date == date ? k.Done : (int?)null)
            ?? await counters.GetAsync(workerId, date)
            ?? await counters.RebuildAsync(workerId, date, await workers.AnsweredSinceAsync(workerId, dayStart, ct));
        var (limit, source) = ownLimit is { } own && own < PlatformCap ? (own, LimitSource.Own) : (PlatformCap, LimitSource.Platform);
        return new DayQuota(zone, date, dayStart, NextDayStart(date, zone), done, limit, source);
    }

    /// <summary>Counts an accepted answer on the worker's current local day.</summary>
    public async Task CountAnswerAsync(Worker worker, CancellationToken ct)
    {
        var zone = await settings.ZoneAsync(worker, ct);
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        counted = await counters.IncrementAsync(worker.Id, date) is { } done ? (worker.Id, date, done) : null;
    }

    /// <summary>"That's N today, your limit; the next day starts at …": what a worker at their limit is told.</summary>
    public string ReachedText(DayQuota quota)
    {
        var culture = CultureInfo.CurrentUICulture;
        var local = TimeZoneInfo.ConvertTime(quota.NextDay, quota.Zone);
        var left = quota.NextDay - time.GetUtcNow();
        return string.Format(
            culture, LimitMessages.LimitReached, quota.Done, quota.Limit, SourceText(quota.Source),
            local.ToString("HH:mm, ddd d MMM", culture), quota.Zone.Id, Duration(left));
    }

    public static string SourceText(LimitSource source) => source == LimitSource.Own ? LimitMessages.SourceOwn : LimitMessages.SourcePlatform;

    /// <summary>"5 h 20 min" / "40 min": how long until a time, in whole minutes (at least one).</summary>
    public static string Duration(TimeSpan span)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(span.TotalMinutes));
        return minutes >= 60
            ? string.Format(CultureInfo.CurrentCulture, LimitMessages.HoursMinutes, minutes / 60, minutes % 60)
            : string.Format(CultureInfo.CurrentCulture, LimitMessages.Minutes, minutes);
    }

    /// <summary>Local midnight after <paramref name="date"/>, as an instant (a midnight skipped by DST moves to the next valid time).</summary>
    private static DateTimeOffset NextDayStart(DateOnly date, TimeZoneInfo zone)
    {
        var midnight = date.AddDays(1).ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(30);
        }

        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }
}
