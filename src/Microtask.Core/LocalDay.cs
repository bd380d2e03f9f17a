namespace Microtask.Core;

/// <summary>"Today" is the worker's local day, not the server's.</summary>
public static class LocalDay
{
    /// <summary>The instant the local day containing <paramref name="now"/> began.</summary>
    public static DateTimeOffset StartOf(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = local.Date;
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }
}
