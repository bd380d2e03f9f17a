using System.Globalization;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;
using Microtask.Bot.Shared;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>
/// One Hangfire recurring job per (time zone, minute) that has reminders, e.g. <c>nudge:Asia/Jakarta:08:30</c>,
/// firing at that local minute. Jobs come and go as workers set reminders; <see cref="SyncAsync"/> (at start and
/// hourly) repairs whatever a race or an in-memory job storage lost.
/// </summary>
internal sealed class ReminderSchedule(
    IRecurringJobManager recurring, JobStorage storage, WorkerStore workers, IOptions<MicrotaskOptions> options, ILogger<ReminderSchedule> log)
{
    public const string Prefix = "nudge:";

    public static string JobId(ReminderSlot slot) => $"{Prefix}{slot.Zone}:{ReminderTimes.Clock(slot.MinuteOfDay)}";

    /// <summary>A worker's reminder moved (set, changed, turned off, or its time zone changed).</summary>
    public async Task MovedAsync(ReminderSlot? from, ReminderSlot? to, CancellationToken ct)
    {
        if (to is not null)
        {
            Ensure(to);
        }

        if (from is not null && from != to && !await workers.AnyReminderAtAsync(from.Zone, options.Value.DefaultTimeZone, from.MinuteOfDay, ct))
        {
            recurring.RemoveIfExists(JobId(from));
        }
    }

    /// <summary>Every slot with reminders has its job, and no reminder job is left without workers.</summary>
    public async Task SyncAsync(CancellationToken ct)
    {
        var slots = await workers.ReminderSlotsAsync(options.Value.DefaultTimeZone, ct);
        foreach (var slot in slots)
        {
            Ensure(slot);
        }

        var wanted = slots.Select(JobId).ToHashSet(StringComparer.Ordinal);
        using var connection = storage.GetConnection();
        foreach (var job in connection.GetRecurringJobs().Where(j => j.Id.StartsWith(Prefix, StringComparison.Ordinal) && !wanted.Contains(j.Id)))
        {
            recurring.RemoveIfExists(job.Id);
        }

        log.LogDebug("Reminder jobs in place: {Count}", slots.Count);
    }

    private void Ensure(ReminderSlot slot)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(slot.Zone, out var zone))
        {
            log.LogWarning("Reminders at {Zone} skipped: not a known time zone on this host", slot.Zone);
            return;
        }

        var at = ReminderTimes.Clock(slot.MinuteOfDay);
        recurring.AddOrUpdate<NudgeJob>(
            JobId(slot), job => job.RunAsync(slot.Zone, at), Cron.Daily(slot.MinuteOfDay / 60, slot.MinuteOfDay % 60), new RecurringJobOptions { TimeZone = zone });
    }
}

/// <summary>Reminder times as workers type them ("8:30", "08.30") and as the bot shows them ("08:30").</summary>
internal static class ReminderTimes
{
    public static string Clock(int minuteOfDay) => $"{minuteOfDay / 60:00}:{minuteOfDay % 60:00}";

    /// <summary>Minutes after midnight, or null for anything that is not a time of day.</summary>
    public static int? Parse(string text)
    {
        var parts = text.Trim().Split(':', '.');
        return parts.Length == 2
            && parts[0].Length is 1 or 2 && parts[1].Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h < 24
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m < 60
            ? h * 60 + m
            : null;
    }
}

/// <summary>At start: reminder jobs repaired (in-memory job storage starts empty), and an hourly repair scheduled.</summary>
internal sealed class ReminderScheduleStartup(IServiceScopeFactory scopes, IRecurringJobManager recurring, ILogger<ReminderScheduleStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        recurring.AddOrUpdate<NudgeScheduleJob>("nudge-schedule", job => job.RunAsync(), Cron.Hourly());
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReminderSchedule>().SyncAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Reminder jobs not repaired at start (the hourly run will): {Error}", e.Message);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
