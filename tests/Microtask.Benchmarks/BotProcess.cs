using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microtask.Sandbox;
using Npgsql;

namespace Microtask.Benchmarks;

/// <summary>One bot process: the built Microtask.Bot.dll beside this tool, configured by environment variables.</summary>
/// <param name="cap">A CPU quota the process runs under from its start, if any (<c>--bot-cpu</c>).</param>
internal sealed class BotProcess(int port, CpuCap? cap = null)
{
    private const string Secret = "crash-bench-secret";

    private Process? process;
    private int starts;

    /// <summary>The instance's own output, with the seconds since its start, into a file of its own (for a slow start's why).</summary>
    private static void Write(StreamWriter log, Stopwatch started, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine($"{started.Elapsed.TotalSeconds,6:0.0} {line}");
            }
        }
    }

    public int Port => port;

    public CpuCap? Cap => cap;

    /// <summary>The bot process's peak and current resident memory (VmHWM, VmRSS from /proc), in MiB.</summary>
    public (double Peak, double Now) Memory()
    {
        var status = File.ReadAllLines($"/proc/{process!.Id}/status");
        double Field(string name) => long.Parse(status.First(l => l.StartsWith(name, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        return (Field("VmHWM:"), Field("VmRSS:"));
    }

    /// <summary>The load tool's variables that go to the bot with this prefix taken off (a runtime knob tried on the bot alone).</summary>
    private const string BotVariablePrefix = "MICROTASK_BENCH_BOT_";

    /// <summary>The CPU time the bot process has used so far (user + system, from /proc).</summary>
    public TimeSpan Cpu()
    {
        var stat = File.ReadAllText($"/proc/{process!.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ
    }

    public async Task StartAsync(BotApiEmulator emulator, string postgres, string database, string logLevel = "Information")
    {
        var start = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "Microtask.Bot.dll"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        var env = start.Environment;
        env["Telegram__BotToken"] = emulator.Token;
        env["Telegram__ApiBaseUrl"] = emulator.BaseUrl.ToString();
        env["Telegram__Mode"] = "Webhook";
        env["Telegram__WebhookUrl"] = $"http://127.0.0.1:{port}/telegram/webhook";
        env["Telegram__WebhookSecret"] = Secret;
        env["Urls"] = $"http://127.0.0.1:{port}";
        env["ConnectionStrings__Postgres"] = postgres;
        env["ConnectionStrings__Redis"] = BenchOptions.Redis;
        env["Microtask__RedisPrefix"] = $"mt-crash-{database}:";
        env["Microtask__SampleProject__Enabled"] = "false";
        env["Microtask__Workers__Practice"] = "false";
        env["Microtask__Sender__GlobalPerSecond"] = "0";
        env["Microtask__Sender__PerChatPerSecond"] = "100";
        env["Microtask__Sender__PerChatBurst"] = "100";
        env["Microtask__Quotas__PlatformDailyCap"] = "100000"; // one fast simulated worker would reach the default 500
        env["Logging__LogLevel__Default"] = logLevel;
        // A runtime knob tried on the bot alone (the load tool keeps its own): MICROTASK_BENCH_BOT_X=v gives the bot X=v.
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith(BotVariablePrefix, StringComparison.Ordinal))
            {
                env[name[BotVariablePrefix.Length..]] = variable.Value as string;
            }
        }

        process = Process.Start(start)!;
        cap?.Add(process.Id); // every thread of it, those it starts later too
        var log = new StreamWriter(Path.Combine(Path.GetTempPath(), $"microtask-crash-{port}-{++starts}.log")) { AutoFlush = true };
        var started = Stopwatch.StartNew();
        process.OutputDataReceived += (_, e) => Write(log, started, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, started, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Serving once its port answers HTTP (any status).
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(180))
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/healthz");
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"the bot on port {port} did not start within 180 s");
    }

    /// <summary>SIGKILL: no shutdown, no draining, no confirmation of in-flight updates.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process?.Dispose();
        process = null;
    }

    /// <summary>A port free on the loopback right now.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>After a run: every process killed, the pools let go, the run's database dropped.</summary>
    public static async Task StopAllAsync(IEnumerable<BotProcess> processes, string database)
    {
        foreach (var process in processes)
        {
            process.Kill();
            process.Cap?.Dispose();
        }

        NpgsqlConnection.ClearAllPools();
        await BotUnderLoad.AdminAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }
}
