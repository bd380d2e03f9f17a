using System.Globalization;
using System.Text;

namespace Microtask.Benchmarks;

/// <summary>The results as markdown tables, ready to paste into docs/benchmarks.md.</summary>
internal static class Report
{
    public static string Markdown(IReadOnlyList<(LoadResult Load, InvariantReport Checks)> runs, double? pgbenchTps, int pgbenchSeconds)
    {
        var md = new StringBuilder();
        md.AppendLine("| backend | workers | window | answers | answers/s | p50 ms | p95 ms | p99 ms | max ms | peak working set | peak managed heap | CPU this process | CPU others |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (r, _) in runs)
        {
            md.AppendLine(Row(Name(r.Backend), r.Workers, $"{r.Seconds} s", r.Answers, F(r.PerSecond, 0), F(r.Latency.P50), F(r.Latency.P95), F(r.Latency.P99),
                F(r.Latency.Max), Mib(r.Usage.PeakWorkingSet), Mib(r.Usage.PeakManagedHeap), Pct(r.Usage.ProcessCpu), Pct(r.Usage.OtherCpu)));
        }

        md.AppendLine();
        md.AppendLine("| backend | Bot API calls per answer | dry presses | failed workers |");
        md.AppendLine("| --- | --- | ---: | ---: |");
        foreach (var (r, _) in runs)
        {
            var calls = string.Join(", ", r.CallsPerAnswer.Select(kv => $"{kv.Key} {F(kv.Value, 2)}"));
            md.AppendLine(Row(Name(r.Backend), calls, r.DryPresses, r.Failures));
        }

        md.AppendLine();
        md.AppendLine("| backend | tasks over overlap | answer counter drift | duplicate (task, worker) | answers stored | answers confirmed | presses answered | ledger sum | invariants |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var (r, c) in runs)
        {
            md.AppendLine(Row(Name(r.Backend), c.TasksOverOverlap, c.CounterDrift, c.DuplicateAnswers, c.StoredAnswers, c.ConfirmedAnswers,
                c.CompletedPresses, c.LedgerSum, c.Holds ? "hold" : "**BROKEN**"));
        }

        if (pgbenchTps is { } tps)
        {
            md.AppendLine();
            md.AppendLine($"| yardstick | tps | bot answers/s ÷ pgbench tps |");
            md.AppendLine("| --- | ---: | ---: |");
            var postgres = runs.FirstOrDefault(x => x.Load.Backend == "postgres").Load;
            var ratio = postgres is null ? "–" : F(postgres.PerSecond / tps, 3);
            md.AppendLine(Row($"pgbench TPC-B -s {PgBench.Scale} -c {PgBench.Clients} -j {PgBench.Threads} -T {pgbenchSeconds}", F(tps, 0), ratio));
        }

        return md.ToString();
    }

    private static string Name(string backend) => backend == "postgres" ? "PostgreSQL + Redis" : "SQLite (embedded)";

    private static string Row(params object[] cells) => "| " + string.Join(" | ", cells) + " |";

    private static string F(double value, int decimals = 1) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    private static string Mib(long bytes) => F(bytes / 1048576.0, 0) + " MiB";

    private static string Pct(double share) => F(share * 100, 0) + " %";
}
