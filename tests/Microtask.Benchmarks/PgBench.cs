using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Microtask.Benchmarks;

/// <summary>pgbench's TPC-B-like run on the same PostgreSQL, in a scratch database: the server's yardstick.</summary>
internal static partial class PgBench
{
    public const int Scale = 10;
    public const int Clients = 8;
    public const int Threads = 2;

    public static async Task<double?> RunAsync(int seconds)
    {
        var exe = Locate("pgbench");
        if (exe is null)
        {
            Console.Error.WriteLine("pgbench not found on PATH or under /usr/lib/postgresql/*/bin; skipping it");
            return null;
        }

        var name = "mt_pgbench_" + Guid.NewGuid().ToString("N")[..12];
        await BotUnderLoad.AdminAsync($"CREATE DATABASE {name}");
        try
        {
            await RunAsync(exe, name, $"-i -s {Scale} -q", TimeSpan.FromMinutes(5));
            var output = await RunAsync(exe, name, $"-c {Clients} -j {Threads} -T {seconds}", TimeSpan.FromSeconds(seconds + 120));
            var tps = Tps().Match(output);
            return tps.Success ? double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        }
        finally
        {
            await BotUnderLoad.AdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task<string> RunAsync(string exe, string database, string arguments, TimeSpan limit)
    {
        var server = new NpgsqlConnectionStringBuilder(BenchOptions.Postgres);
        var start = new ProcessStartInfo(exe, $"-h {server.Host} -p {server.Port} -U {server.Username} {arguments} {database}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = server.Password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pgbench did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pgbench {arguments} ran past {limit.TotalSeconds} s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pgbench {arguments} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout + await stderr;
    }

    /// <summary>A PostgreSQL client tool (pgbench, psql) on PATH or under /usr/lib/postgresql/*/bin.</summary>
    public static string? Locate(string tool)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
        return onPath ?? (Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", tool)).FirstOrDefault(File.Exists)
            : null);
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
