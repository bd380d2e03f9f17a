using Microsoft.Extensions.Options;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Shared;

/// <summary>
/// A worker's own settings of their day (limit, time zone, reminder) and the zone their times are shown in. Scoped: one
/// update takes them from the worker's row as the router read it (or reads them once), however many steps ask.
/// </summary>
internal sealed class WorkerSettings(WorkerStore workers, IOptions<MicrotaskOptions> options)
{
    private (long WorkerId, WorkerDaySettings Settings)? cached;
    private bool changed;

    public async Task<WorkerDaySettings> OfAsync(Worker worker, CancellationToken ct)
    {
        if (cached is { } c && c.WorkerId == worker.Id)
        {
            return c.Settings;
        }

        var settings = worker.Day is { } day && !changed ? day : await workers.DaySettingsAsync(worker.Id, ct);
        cached = (worker.Id, settings);
        return settings;
    }

    /// <summary>After the worker changed a setting: read it again (the row the update began with is out of date).</summary>
    public void Forget()
    {
        cached = null;
        changed = true;
    }

    /// <summary>The worker's time zone, or the platform's when they chose none (or one this host does not know).</summary>
    public TimeZoneInfo ZoneOf(WorkerDaySettings settings) =>
        settings.TimeZone is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : options.Value.TimeZone;

    public async Task<TimeZoneInfo> ZoneAsync(Worker worker, CancellationToken ct) => ZoneOf(await OfAsync(worker, ct));
}
