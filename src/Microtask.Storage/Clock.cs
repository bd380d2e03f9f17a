namespace Microtask.Storage;

/// <summary>Times are stored as unix milliseconds in both backends.</summary>
internal static class Clock
{
    public static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    public static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
