using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>/timezone Area/City, or /timezone alone; the argument as typed.</summary>
internal sealed record SetTimeZone(string? Argument) : ITypedCommand<SetTimeZone>
{
    public static string Trigger => "/timezone";

    public static Access Access => Access.Worker;

    public static SetTimeZone Parse(string? argument) => new(argument);
}

/// <summary>/timezone Area/City: where the worker's day ends; /timezone alone shows the current one and an example.</summary>
internal sealed class SetTimeZoneHandler(WorkerStore workers, WorkerSettings settings, ReminderSchedule reminders, Sender sender, TimeProvider time)
    : IHandler<SetTimeZone>
{
    public async Task HandleAsync(SetTimeZone command, UpdateContext ctx, CancellationToken ct)
    {
        var before = await settings.OfAsync(ctx.Worker, ct);
        var current = settings.ZoneOf(before);
        if (command.Argument is null)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, LimitMessages.TimeZoneCurrent, current.Id, LocalNow(current)), ct: ct);
            return;
        }

        if (TimeZones.Find(command.Argument) is not { } zone)
        {
            await sender.SendAsync(ctx.ChatId, LimitMessages.TimeZoneHint, ct: ct);
            return;
        }

        await workers.SetTimeZoneAsync(ctx.Worker.Id, zone.Id, ct);
        settings.Forget();
        if (before.RemindAt is { } minute && zone.Id != current.Id)
        {
            await reminders.MovedAsync(new(current.Id, minute), new(zone.Id, minute), ct);
        }

        await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, LimitMessages.TimeZoneSet, zone.Id, LocalNow(zone)), ct: ct);
    }

    private string LocalNow(TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).ToString("HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>What a worker may type for a time zone: an IANA id in any case, or Indonesia's WIB, WITA, WIT.</summary>
internal static class TimeZones
{
    private static readonly Dictionary<string, string> Friendly = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WIB"] = "Asia/Jakarta",
        ["WITA"] = "Asia/Makassar",
        ["WIT"] = "Asia/Jayapura",
        ["UTC"] = "Etc/UTC",
        ["GMT"] = "Etc/UTC",
    };

    private static readonly Lazy<Dictionary<string, string>> Known = new(() =>
        TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Distinct().ToDictionary(id => id, StringComparer.OrdinalIgnoreCase));

    public static TimeZoneInfo? Find(string typed)
    {
        var text = typed.Trim().Replace(' ', '_');
        if (Friendly.TryGetValue(text, out var id) || Known.Value.TryGetValue(text, out id))
        {
            text = id;
        }

        // Only IANA ids ("Area/City"): a Windows name would resolve on some hosts and not on others.
        return text.Contains('/', StringComparison.Ordinal) && TimeZoneInfo.TryFindSystemTimeZoneById(text, out var zone) && zone.HasIanaId ? zone : null;
    }
}
