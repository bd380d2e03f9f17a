using System.Globalization;

namespace Microtask.Benchmarks;

/// <summary>
/// A CPU quota for one bot process: a cgroup of its own with a CFS quota, as a container's CPU limit gives each
/// instance of a deployment. On one machine whose two cores PostgreSQL, Redis and the load tool share with the bots,
/// capping each instance makes the bots the bottleneck, so one instance against two shows whether a second instance
/// adds its share of answers or contends with the first for shared rows, locks and keys.
/// </summary>
internal sealed class CpuCap : IDisposable
{
    private const int PeriodMicroseconds = 100_000;

    private readonly string directory;
    private readonly bool unified;

    private CpuCap(string directory, bool unified) => (this.directory, this.unified) = (directory, unified);

    public double Cores { get; private init; }

    /// <summary>A new cgroup limited to <paramref name="cores"/> of a core (cgroup v2 where its cpu controller is on, else v1).</summary>
    public static CpuCap Create(string name, double cores)
    {
        var quota = ((long)(cores * PeriodMicroseconds)).ToString(CultureInfo.InvariantCulture);
        var period = PeriodMicroseconds.ToString(CultureInfo.InvariantCulture);
        try
        {
            if (File.Exists("/sys/fs/cgroup/cgroup.subtree_control")
                && File.ReadAllText("/sys/fs/cgroup/cgroup.subtree_control").Split(' ', '\n').Contains("cpu"))
            {
                var v2 = Directory.CreateDirectory(Path.Combine("/sys/fs/cgroup", name)).FullName;
                File.WriteAllText(Path.Combine(v2, "cpu.max"), $"{quota} {period}");
                return new CpuCap(v2, unified: true) { Cores = cores };
            }

            var v1 = Directory.CreateDirectory(Path.Combine("/sys/fs/cgroup/cpu", name)).FullName;
            File.WriteAllText(Path.Combine(v1, "cpu.cfs_period_us"), period);
            File.WriteAllText(Path.Combine(v1, "cpu.cfs_quota_us"), quota);
            return new CpuCap(v1, unified: false) { Cores = cores };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"--bot-cpu needs a writable cgroup cpu controller (/sys/fs/cgroup/cpu or cgroup v2 with cpu enabled), run as root: {e.Message}", e);
        }
    }

    /// <summary>Moves a process, all its threads, into the cgroup.</summary>
    public void Add(int pid) => File.WriteAllText(Path.Combine(directory, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));

    /// <summary>The periods so far in which the process used its whole quota and was held back.</summary>
    public (long Periods, long Throttled) Throttling()
    {
        var stat = File.ReadAllLines(Path.Combine(directory, "cpu.stat"))
            .Select(line => line.Split(' '))
            .ToDictionary(f => f[0], f => long.Parse(f[1], CultureInfo.InvariantCulture));
        return (stat["nr_periods"], stat["nr_throttled"]);
    }

    /// <summary>Removes the cgroup; its processes must have ended (a cgroup with members cannot be removed).</summary>
    public void Dispose()
    {
        for (var attempt = 0; attempt < 20 && Directory.Exists(directory); attempt++)
        {
            try
            {
                Directory.Delete(directory); // rmdir: a cgroup's files are not deleted one by one
            }
            catch (IOException)
            {
                Thread.Sleep(50); // a killed process leaves its cgroup a moment after it is reaped
            }
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Cores:0.##} of a core ({(unified ? "cgroup v2" : "cgroup v1")})");
}
