using System.Diagnostics;

namespace Microtask.Benchmarks;

/// <summary>Peak memory of this process (bot, emulator and load tool together) and CPU shares over the window.</summary>
internal sealed record Usage(long PeakWorkingSet, long PeakManagedHeap, double ProcessCpu, double OtherCpu);

/// <summary>
/// Samples the working set and the managed heap every 100 ms. CPU is measured between <see cref="Begin"/> and
/// <see cref="End"/> as a share of all cores: this process versus everything else on the machine (PostgreSQL,
/// Redis, pgbench is not running then), from /proc/stat.
/// </summary>
internal sealed class UsageSampler : IDisposable
{
    private readonly Process process = Process.GetCurrentProcess();
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private long peakWorkingSet;
    private long peakManaged;
    private (TimeSpan Process, long Busy, long Total) begin;
    private double processCpu;
    private double otherCpu;

    public UsageSampler() => loop = Task.Run(SampleAsync);

    public Usage Result => new(peakWorkingSet, peakManaged, processCpu, otherCpu);

    public void Begin() => begin = Now();

    public void End()
    {
        var end = Now();
        var total = end.Total - begin.Total;
        if (total <= 0) return;
        var tick = 1.0 / 100; // USER_HZ: /proc/stat counts in hundredths of a second
        var all = total * tick; // core-seconds that passed
        processCpu = (end.Process - begin.Process).TotalSeconds / all;
        otherCpu = Math.Max(0, (end.Busy - begin.Busy) * tick / all - processCpu);
    }

    private static (TimeSpan Process, long Busy, long Total) Now()
    {
        using var self = Process.GetCurrentProcess();
        var (busy, total) = MachineCpu();
        return (self.TotalProcessorTime, busy, total);
    }

    private static (long Busy, long Total) MachineCpu()
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal ...
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            var total = fields.Take(8).Sum();
            return (total - fields[3] - fields[4], total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            do
            {
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
            }
            while (await timer.WaitForNextTickAsync(stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        loop.Wait();
        stop.Dispose();
    }
}
