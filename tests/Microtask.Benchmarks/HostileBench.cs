using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microtask.Bot.Hosting;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;
using Npgsql;
using IDatabase = Microtask.Storage.IDatabase;

using Microtask.Bot.Tests.Telegram;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Benchmarks;

/// <summary>
/// --hostile N [--backend sqlite|postgres]: the bot in webhook mode, N hostile requests (default 100,000) posted
/// straight at its webhook by 8 clients, as the test HostileWebhookTests does with a few thousand. Prints requests/s,
/// answers with the wrong status, warnings and errors logged, and the working set and GC heap before, at every 10 %
/// and after; then checks that the data did not change and that an honest worker is still served.
/// </summary>
internal static class HostileBench
{
    internal const string Secret = "hostile-bench_secret";
    private const int Clients = 8;
    private const long MaxBodyBytes = 2 * 1024 * 1024; // the webhook's limit (WebhookEndpoint.MaxBodyBytes, internal to the bot)

    public static bool Requested(string[] args) => args is ["--hostile", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var n) ? n : 100_000;
        var backend = args.SkipWhile(a => a != "--backend").Skip(1).FirstOrDefault() ?? "sqlite";
        _ = Task.Delay(TimeSpan.FromMinutes(40)).ContinueWith(_ => Environment.Exit(3), TaskScheduler.Default);
        Console.WriteLine($"hostile webhook stream: {count} requests, {Clients} clients, backend {backend}; {Environment.ProcessorCount} cores, " +
            $".NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}; load average {Machine.LoadAverage}");

        var logs = new CountingLogs();
        await using var bot = await HostileBot.StartAsync(backend, logs);
        var requester = await bot.RequesterAsync();
        var victims = await bot.VictimsAsync();
        var before = await bot.SnapshotAsync();
        var stream = new HostileUpdates(seed: 2026, Secret, victims, oversizedBytes: MaxBodyBytes + 1, requester);
        Console.WriteLine($"bot up, {victims.Count} victims with live assignments; logged so far: {logs.Warnings} warnings, {logs.Errors} errors");

        var result = await PostAsync(bot.Url, stream, count, () => $"emulator kept {bot.EmulatorRefusals} refused calls");
        Console.WriteLine($"{count} requests in {result.Seconds:0.0} s = {count / result.Seconds:0} requests/s; wrong status {result.Wrong.Count}, " +
            $"transport errors {result.TransportErrors}, slowest {result.SlowestMs:0} ms");
        foreach (var (kind, (sent, ms)) in result.Kinds.OrderBy(k => k.Key))
        {
            Console.WriteLine($"  {kind,-16} {sent,7} sent, mean {ms / Math.Max(1, sent):0.0} ms");
        }

        foreach (var wrong in result.Wrong.Take(10))
        {
            Console.WriteLine($"  wrong: {wrong}");
        }

        var after = await bot.SnapshotAsync();
        var unchanged = before.Data == after.Data;
        var strangersOk = after.Strangers.All(stream.Started.Contains);
        var healthy = await bot.HonestWorkerIsServedAsync();
        var told = bot.ToldRequester();
        Console.WriteLine($"the requester's lying files: {told.Count(t => t.PlainText.Contains("was not imported", StringComparison.Ordinal))} refused after reading, " +
            $"{told.Count(t => t.PlainText.Contains("larger than 20 MB", StringComparison.Ordinal))} refused as too big, " +
            $"{told.Count(t => t.PlainText.Contains("Rows accepted: 0", StringComparison.Ordinal))} read with no row to import, {told.Count(t => t.Buttons.Any(b => b.Text.Contains("Import", StringComparison.Ordinal)))} offering an import");
        Console.WriteLine($"logged during the run: {logs.Warnings} warnings, {logs.Errors} errors{(logs.FirstError is { } e ? $" (first: {e})" : "")}");
        Console.WriteLine($"data unchanged: {unchanged}; workers created: {after.Strangers.Count}, all by a well-formed /start: {strangersOk}; honest worker served afterwards: {healthy}");
        return unchanged && strangersOk && healthy && result.Wrong.Count == 0 && logs.Errors == 0 ? 0 : 1;
    }

    private sealed record Outcome(double Seconds, List<string> Wrong, int TransportErrors, double SlowestMs, Dictionary<string, (int Sent, double Ms)> Kinds);

    private static async Task<Outcome> PostAsync(string url, HostileUpdates stream, int count, Func<string> emulatorState)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { Timeout = TimeSpan.FromSeconds(60) };
        var wrong = new ConcurrentQueue<string>();
        var kinds = new ConcurrentDictionary<string, (int Sent, double Ms)>();
        var transportErrors = 0;
        long slowestTicks = 0;
        var issued = 0;
        var done = 0;
        var nextMark = 1;
        var gate = new object();
        Memory("before");
        var watch = Stopwatch.StartNew();
        var lastMark = (Time: 0.0, Done: 0);
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref issued) <= count)
            {
                HostileRequest r;
                lock (gate)
                {
                    r = stream.Next();
                }

                var (code, elapsed) = await SendAsync(http, url, r);
                if (code < 0)
                {
                    Interlocked.Increment(ref transportErrors);
                }
                else if (code != r.ExpectedStatus && wrong.Count < 1000)
                {
                    wrong.Enqueue($"{r.Kind}: expected {r.ExpectedStatus}, got {code}");
                }

                kinds.AddOrUpdate(r.Kind, (1, elapsed.TotalMilliseconds), (_, k) => (k.Sent + 1, k.Ms + elapsed.TotalMilliseconds));
                for (var seen = Interlocked.Read(ref slowestTicks); elapsed.Ticks > seen; seen = Interlocked.Read(ref slowestTicks))
                {
                    if (Interlocked.CompareExchange(ref slowestTicks, elapsed.Ticks, seen) == seen)
                    {
                        break;
                    }
                }

                var finished = Interlocked.Increment(ref done);
                lock (gate)
                {
                    if (finished >= nextMark * count / 10)
                    {
                        var now = watch.Elapsed.TotalSeconds;
                        var rate = (finished - lastMark.Done) / Math.Max(0.001, now - lastMark.Time);
                        lastMark = (now, finished);
                        Memory($"{nextMark * 10,3} % ({finished}, {rate:0} req/s in this tenth; {emulatorState()})");
                        nextMark++;
                    }
                }
            }
        }))).ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(2));
        Memory("after, idle 2 s");
        return new Outcome(seconds, wrong.ToList(), transportErrors, TimeSpan.FromTicks(slowestTicks).TotalMilliseconds, new(kinds));
    }

    private static async Task<(int Code, TimeSpan Elapsed)> SendAsync(HttpClient http, string url, HostileRequest r)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(r.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (r.Secret is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Telegram-Bot-Api-Secret-Token", r.Secret);
        }

        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request);
            return ((int)response.StatusCode, watch.Elapsed);
        }
        catch (HttpRequestException) when (r.ExpectedStatus == 413)
        {
            return (413, watch.Elapsed); // Kestrel may close the connection on a body it will not read
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (-1, watch.Elapsed);
        }
    }

    /// <summary>Working set, the GC's heap as last collected, and the live managed heap after a full collection.</summary>
    private static void Memory(string when)
    {
        using var self = Process.GetCurrentProcess();
        var heap = GC.GetGCMemoryInfo().HeapSizeBytes;
        var live = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"memory {when}: working set {self.WorkingSet64 / 1048576.0:0} MiB, GC heap {heap / 1048576.0:0} MiB, live after full GC {live / 1048576.0:0.0} MiB");
    }
}
