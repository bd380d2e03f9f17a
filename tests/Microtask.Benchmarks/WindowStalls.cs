using System.Diagnostics;
using System.Globalization;
using Dapper;
using Npgsql;

namespace Microtask.Benchmarks;

/// <summary>What a --scale run prints to tell a stall (a collection, an autovacuum pass) from queueing.</summary>
internal static class WindowStalls
{
    /// <summary>
    /// Whether the slow presses (over 100 ms) bunch in a few seconds of the window (a stall: a collection, a checkpoint)
    /// or spread over it (queueing): how many there are, and the seconds that hold most of them.
    /// </summary>
    public static string SlowSeconds(IEnumerable<(long Pressed, long Done)> presses, long windowStart)
    {
        var slow = presses.Where(p => Stopwatch.GetElapsedTime(p.Pressed, p.Done).TotalMilliseconds > 100)
            .GroupBy(p => (int)Stopwatch.GetElapsedTime(windowStart, p.Pressed).TotalSeconds)
            .Select(g => (Second: g.Key, Count: g.Count())).OrderByDescending(g => g.Count).ToList();
        var total = slow.Sum(g => g.Count);
        return string.Create(CultureInfo.InvariantCulture,
            $"presses over 100 ms: {total}, in {slow.Count} different seconds; the worst: {string.Join(", ", slow.Take(5).Select(g => $"{g.Count} at +{g.Second} s"))}");
    }

    /// <summary>Autovacuum's and auto-analyze's last runs on the bot's tables that fell in the window, as offsets into it.</summary>
    public static async Task<string> AutovacuumAsync(NpgsqlConnection c, DateTimeOffset windowStart, int seconds)
    {
        var rows = await c.QueryAsync<(string Table, DateTime? Vacuum, DateTime? Analyze)>(
            "SELECT relname, last_autovacuum, last_autoanalyze FROM pg_stat_user_tables");
        var events = rows.SelectMany(r => new[] { ("vacuum " + r.Table, r.Vacuum), ("analyze " + r.Table, r.Analyze) })
            .Where(e => e.Item2 is { } at && at >= windowStart.UtcDateTime && at < windowStart.UtcDateTime.AddSeconds(seconds))
            .Select(e => (What: e.Item1, At: (e.Item2!.Value - windowStart.UtcDateTime).TotalSeconds)).OrderBy(e => e.At).ToList();
        return events.Count == 0
            ? "no autovacuum or auto-analyze ended in the window (only each table's last is kept)"
            : "autovacuum in the window (each table's last): " + string.Join(", ", events.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.What} +{e.At:0.0} s")));
    }
}
