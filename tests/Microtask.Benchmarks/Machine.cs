using System.Diagnostics;

namespace Microtask.Benchmarks;

/// <summary>What the figures of a run depend on besides the code: other load, and this process's memory.</summary>
internal static class Machine
{
    /// <summary>Other work on the machine skews every figure; the load averages say how much there was.</summary>
    public static string LoadAverage => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, load average {LoadAverage}";

    public static long WorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }

    /// <summary>Collects everything collectable, so that a baseline is what is live, not what is waiting for a GC.</summary>
    public static void SettleHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
