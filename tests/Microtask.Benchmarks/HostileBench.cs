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
        var victims = await bot.VictimsAsync();
        var before = await bot.SnapshotAsync();
        var stream = new HostileUpdates(seed: 2026, Secret, victims, oversizedBytes: MaxBodyBytes + 1);
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

/// <summary>The emulator and the bot in webhook mode on a port of its own, on one backend, with its log counted.</summary>
internal sealed class HostileBot : IAsyncDisposable
{
    private readonly BotApiEmulator emulator;
    private readonly WebApplication app;
    private readonly string? scratch;
    private readonly string sqlitePath;

    private HostileBot(BotApiEmulator emulator, WebApplication app, string url, string? scratch, string sqlitePath)
    {
        this.emulator = emulator;
        this.app = app;
        Url = url;
        this.scratch = scratch;
        this.sqlitePath = sqlitePath;
    }

    public string Url { get; }

    /// <summary>The emulator (in this process) keeps every refused call: its share of the heap grows with the stream.</summary>
    public int EmulatorRefusals => emulator.Refused.Count;

    public static async Task<HostileBot> StartAsync(string backend, CountingLogs logs)
    {
        var emulator = await BotApiEmulator.StartAsync(new EmulatorOptions { Port = 0 });
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}/telegram/webhook";
        var sqlitePath = Path.Combine(Path.GetTempPath(), "microtask-bench", Guid.NewGuid().ToString("N") + ".db");
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = emulator.Token,
            ["Telegram:ApiBaseUrl"] = emulator.BaseUrl.ToString(),
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = url,
            ["Telegram:WebhookSecret"] = HostileBench.Secret,
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Microtask:SampleProject:Enabled"] = "false",
            ["Microtask:SqlitePath"] = sqlitePath,
            // Telegram's pace is lifted as in the load tool: strangers' replies are refused anyway ("chat not found").
            ["Microtask:Sender:GlobalPerSecond"] = "0",
            ["Microtask:Sender:PerChatPerSecond"] = "100",
            ["Microtask:Sender:PerChatBurst"] = "100",
            ["Logging:LogLevel:Default"] = "Warning",
            // One warning per hostile request is counted, not printed; errors are printed as well.
            ["Logging:Console:LogLevel:Default"] = "Error",
        };
        string? scratch = null;
        if (backend == "postgres")
        {
            scratch = "mt_bench_" + Guid.NewGuid().ToString("N")[..12];
            await BotUnderLoad.AdminAsync($"CREATE DATABASE {scratch}");
            settings["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(BenchOptions.Postgres) { Database = scratch }.ToString();
            settings["ConnectionStrings:Redis"] = BenchOptions.Redis;
            settings["Microtask:RedisPrefix"] = $"mt-bench-{scratch}:";
        }

        var app = await BotApp.BuildAsync([], settings, services => services.AddSingleton<ILoggerProvider>(logs));
        await app.StartAsync();
        return new HostileBot(emulator, app, url, scratch, sqlitePath);
    }

    /// <summary>Two workers, each with an answer (and its ledger row) saved and a task leased: what the stream aims at.</summary>
    public async Task<IReadOnlyList<HostileVictim>> VictimsAsync()
    {
        await app.Services.GetRequiredService<ProjectStore>().CreateAsync(
            new NewProject("Hostile", "Pick one", AnswerKind.SingleChoice, ["a", "b"], "{{text}}", 10, 2, TimeSpan.FromHours(2)),
            Enumerable.Range(1, 6).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"item {i}" })).ToList(),
            ProjectState.Active);
        var victims = new List<HostileVictim>();
        foreach (var name in new[] { "Ani", "Budi" })
        {
            var live = await WorkAsync(name);
            var data = live.Keyboard[0][0].CallbackData!;
            victims.Add(new HostileVictim(live.ChatId, [long.Parse(data.Split(':')[1], CultureInfo.InvariantCulture)], live.MessageId));
        }

        return victims;
    }

    /// <summary>A newcomer starts, agrees, answers one task and is shown the next, leased; returns that task's message.</summary>
    private async Task<ChatMessage> WorkAsync(string name)
    {
        var user = emulator.CreateUser(name, "en");
        var welcome = await SendAsync(user.Id, "/start");
        await PressAsync(user.Id, welcome, "c");
        var task = await SendAsync(user.Id, "/task");
        return await PressAsync(user.Id, task, task.Keyboard[0][0].CallbackData!);
    }

    public async Task<bool> HonestWorkerIsServedAsync()
    {
        try
        {
            var answers = await CountAsync("SELECT COUNT(*) FROM answers");
            var next = await WorkAsync("Citra");
            return next.Keyboard.Count > 0 && await CountAsync("SELECT COUNT(*) FROM answers") == answers + 1;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            Console.WriteLine($"honest worker not served: {e.Message}");
            return false;
        }
    }

    private async Task<ChatMessage> SendAsync(long user, string text)
    {
        await emulator.WaitUntilConfirmedAsync(emulator.SendText(user, text), TimeSpan.FromSeconds(30));
        return emulator.Transcript(user).Last(m => m.FromBot);
    }

    private async Task<ChatMessage> PressAsync(long user, ChatMessage message, string data)
    {
        await emulator.WaitUntilConfirmedAsync(emulator.PressButton(user, message.MessageId, data), TimeSpan.FromSeconds(30));
        return emulator.Transcript(user).Last(m => m.FromBot);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var c = await app.Services.GetRequiredService<IDatabase>().OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>Every table's rows but the strangers' worker rows, as text; and the strangers' Telegram ids.</summary>
    public async Task<(string Data, List<long> Strangers)> SnapshotAsync()
    {
        await using var c = await app.Services.GetRequiredService<IDatabase>().OpenAsync(CancellationToken.None);
        var tables = c is Microsoft.Data.Sqlite.SqliteConnection
            ? await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            : await c.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name");
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            var filter = table == "workers" ? " WHERE telegram_id < 5000000000" : "";
            text.AppendLine($"== {table}");
            foreach (IDictionary<string, object?> row in await c.QueryAsync($"SELECT * FROM {table}{filter} ORDER BY 1"))
            {
                text.AppendLine(string.Join(" | ", row.Select(kv => $"{kv.Key}={kv.Value}")));
            }
        }

        return (text.ToString(), (await c.QueryAsync<long>("SELECT telegram_id FROM workers WHERE telegram_id >= 5000000000")).ToList());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await emulator.DisposeAsync();
        if (scratch is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await BotUnderLoad.AdminAsync($"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { sqlitePath, sqlitePath + "-wal", sqlitePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}

/// <summary>Counts what the bot logs at Warning and above; keeps the first error's text.</summary>
internal sealed class CountingLogs : ILoggerProvider
{
    private int warnings;
    private int errors;

    public int Warnings => warnings;

    public int Errors => errors;

    public string? FirstError { get; private set; }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CountingLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                Interlocked.Increment(ref owner.errors);
                owner.FirstError ??= $"{category}: {formatter(state, exception)} {exception?.GetType().Name}";
            }
            else if (logLevel == LogLevel.Warning)
            {
                Interlocked.Increment(ref owner.warnings);
            }
        }
    }
}

// ---- The generator, kept identical to tests/Microtask.Bot.Tests/Telegram/HostileUpdates.cs (the load tool does not
// ---- compile the tests' files; a <Compile Include Link> in Microtask.Benchmarks.csproj would make this copy go).

/// <summary>One POST at the webhook: its body, the secret header (null: none) and the status the bot must answer.</summary>
public sealed record HostileRequest(string Kind, byte[] Body, string? Secret, int ExpectedStatus);

/// <summary>A worker the stream aims at: their live assignments and the message that shows them.</summary>
public sealed record HostileVictim(long UserId, IReadOnlyList<long> AssignmentIds, long MessageId);

/// <summary>
/// A deterministic (seeded) stream of hostile webhook requests: random JSON, mutated valid updates (fields removed,
/// wrong types, huge numbers, negative ids), 1 MB texts, unknown update kinds, forged button data (others' assignments,
/// out-of-range options, garbage, over 64 bytes), documents that lie about their type, wrong or missing secrets,
/// bodies that are not JSON, and bodies over the limit. Nothing in it is a legitimate action on the victims' data:
/// victims only send presses that must be refused; strangers may do anything, and only
/// <see cref="Started"/> sent a well-formed /start. Update ids start at 1.5e9, far from the emulator's own.
/// </summary>
public sealed class HostileUpdates(int seed, string secret, IReadOnlyList<HostileVictim> victims, long oversizedBytes)
{
    private const long FirstUpdateId = 1_500_000_000;
    private const long StrangerBase = 5_000_000_000;
    private static readonly string[] Kinds =
    [
        "random-json", "not-json", "mutated", "huge-text", "unknown-kind", "forged-callback", "lying-document",
        "wrong-secret", "oversized", "stranger-start", "stranger-text",
    ];

    private static readonly int[] Weights = [12, 10, 22, 1, 10, 20, 10, 6, 1, 2, 6];

    private static readonly string[] UnknownKinds =
    [
        "edited_message", "channel_post", "edited_channel_post", "inline_query", "chosen_inline_result", "shipping_query",
        "pre_checkout_query", "poll", "poll_answer", "my_chat_member", "chat_member", "chat_join_request", "message_reaction",
        "message_reaction_count", "chat_boost", "removed_chat_boost", "business_connection", "business_message",
        "deleted_business_messages", "purchased_paid_media", "future_kind_2030", "",
    ];

    private readonly Random random = new(seed);
    private readonly HashSet<long> started = [];
    private long next = FirstUpdateId;
    private byte[]? oversized;

    /// <summary>Strangers who sent a well-formed /start: the only workers the stream may create.</summary>
    public IReadOnlySet<long> Started => started;

    public HostileRequest Next()
    {
        var kind = Pick();
        return kind switch
        {
            "random-json" => Ok(kind, Encoding.UTF8.GetBytes(RandomJson(0).ToJsonString())),
            "not-json" => Ok(kind, NotJson()),
            "mutated" => Ok(kind, Utf8(Mutate(ValidUpdate()))),
            "huge-text" => Ok(kind, Utf8(Message(Stranger(), HugeText()))),
            "unknown-kind" => Ok(kind, Utf8(UnknownKind())),
            "forged-callback" => Ok(kind, Utf8(ForgedCallback())),
            "lying-document" => Ok(kind, Utf8(LyingDocument())),
            "wrong-secret" => new(kind, Utf8(Message(Stranger(), "/start")), WrongSecret(), 401),
            "oversized" => new(kind, oversized ??= Oversized(), secret, 413),
            "stranger-start" => Ok(kind, Utf8(Start())),
            _ => Ok(kind, Utf8(Message(Stranger(), StrangerText()))),
        };
    }

    private HostileRequest Ok(string kind, byte[] body) => new(kind, body, secret, 200);

    private static byte[] Utf8(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private string Pick()
    {
        var roll = random.Next(Weights.Sum());
        for (var i = 0; i < Kinds.Length; i++)
        {
            if ((roll -= Weights[i]) < 0)
            {
                return Kinds[i];
            }
        }

        return Kinds[^1];
    }

    private long UpdateId() => next++;

    private long Stranger() => StrangerBase + random.NextInt64(1_000_000_000);

    private HostileVictim Victim() => victims[random.Next(victims.Count)];

    private static JsonObject From(long userId, string? language = "en") =>
        new() { ["id"] = userId, ["is_bot"] = false, ["first_name"] = "Mallory", ["language_code"] = language };

    private static JsonObject Chat(long chatId) => new() { ["id"] = chatId, ["type"] = "private", ["first_name"] = "Mallory" };

    private JsonObject Message(long userId, string text) => new()
    {
        ["update_id"] = UpdateId(),
        ["message"] = new JsonObject
        {
            ["message_id"] = random.Next(1, 1_000_000),
            ["date"] = 1_700_000_000,
            ["chat"] = Chat(userId),
            ["from"] = From(userId),
            ["text"] = text,
        },
    };

    private JsonObject Start()
    {
        var stranger = Stranger();
        started.Add(stranger);
        // Deep-link payloads and the bot's @name are part of a well-formed /start.
        var start = Message(stranger, random.Next(3) switch { 0 => "/start", 1 => "/start ref_" + random.Next(), _ => "/start@microtask_bot" });
        start["message"]!["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = 6 });
        return start;
    }

    private string StrangerText() => random.Next(8) switch
    {
        0 => "/task",
        1 => "/me",
        2 => "/withdraw 100000000",
        3 => "/ban 100001 forever",
        4 => "/topup 100001 99999999999",
        5 => "/newproject",
        6 => "/help@other_bot " + new string('x', random.Next(100)),
        _ => RandomText(random.Next(1, 200)),
    };

    /// <summary>A well-formed update for the mutator to break: a stranger's message, a press, a document.</summary>
    private JsonObject ValidUpdate() => random.Next(3) switch
    {
        0 => Message(Stranger(), StrangerText()),
        1 => Callback(Stranger(), Stranger(), random.Next(1, 1000), "n"),
        _ => Document(Stranger(), "tasks.csv", "text/csv"),
    };

    private JsonObject Mutate(JsonObject update)
    {
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var slots = new List<(JsonNode Parent, object Key)>();
            Collect(update, slots);
            if (slots.Count == 0)
            {
                break; // everything removed already
            }

            var (parent, key) = slots[random.Next(slots.Count)];
            var replacement = random.Next(10) switch
            {
                0 => null,
                1 => JsonValue.Create(-random.NextInt64(1, long.MaxValue)),
                2 => JsonNode.Parse("123456789012345678901234567890"),
                3 => JsonNode.Parse("1e400"),
                4 => JsonValue.Create(RandomText(random.Next(0, 50))),
                5 => new JsonArray(1, "two", null),
                6 => new JsonObject { ["nested"] = new JsonObject() },
                7 => JsonValue.Create(random.Next(2) == 0),
                8 => JsonValue.Create(long.MinValue),
                _ => JsonValue.Create(0.5),
            };
            if (random.Next(4) == 0 && parent is JsonObject o)
            {
                o.Remove((string)key); // the field removed instead
            }
            else if (parent is JsonObject obj)
            {
                obj[(string)key] = replacement;
            }
            else
            {
                ((JsonArray)parent)[(int)key] = replacement;
            }
        }

        // The update's own id stays ours unless the mutator broke it, so a redelivery of the emulator's ids is never faked.
        return update;
    }

    private static void Collect(JsonNode node, List<(JsonNode, object)> slots)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, child) in o.ToList())
            {
                slots.Add((o, key));
                if (child is not null)
                {
                    Collect(child, slots);
                }
            }
        }
        else if (node is JsonArray a)
        {
            for (var i = 0; i < a.Count; i++)
            {
                slots.Add((a, i));
                if (a[i] is { } child)
                {
                    Collect(child, slots);
                }
            }
        }
    }

    private JsonNode RandomJson(int depth)
    {
        var choice = depth > 3 ? random.Next(5) : random.Next(7);
        return choice switch
        {
            0 => JsonValue.Create(random.NextInt64(long.MinValue, long.MaxValue)),
            1 => JsonValue.Create(RandomText(random.Next(0, 30))),
            2 => JsonValue.Create(random.NextDouble() * 1e300),
            3 => JsonValue.Create(random.Next(2) == 0),
            4 => JsonValue.Create(random.Next(2) == 0 ? "update_id" : "message")!,
            5 => new JsonArray(Enumerable.Range(0, random.Next(4)).Select(_ => (JsonNode?)RandomJson(depth + 1)).ToArray()),
            _ => RandomObject(depth),
        };
    }

    private JsonObject RandomObject(int depth)
    {
        string[] keys = ["update_id", "message", "callback_query", "from", "chat", "id", "text", "data", "document", "type", "x"];
        var o = new JsonObject();
        foreach (var key in keys.OrderBy(_ => random.Next()).Take(random.Next(1, 5)))
        {
            o[key] = RandomJson(depth + 1);
        }

        return o;
    }

    private byte[] NotJson()
    {
        switch (random.Next(9))
        {
            case 0: return [];
            case 1:
                var bytes = new byte[random.Next(1, 4096)];
                random.NextBytes(bytes);
                return bytes;
            case 2: return Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><update><id>1</id></update>");
            case 3: return Encoding.UTF8.GetBytes("update_id=1&message=%2Fstart");
            case 4:
                var whole = Utf8(Message(Stranger(), "/start"));
                return whole[..random.Next(1, whole.Length - 1)]; // truncated mid-way
            case 5: return Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)); // nested past any depth limit
            case 6: return [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"update_id\":"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("}")];
            case 7: return Encoding.Unicode.GetBytes("{\"update_id\": 1}"); // UTF-16
            default: return Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "null" : "\"just a string\"");
        }
    }

    private string HugeText() => new('x', 1_000_000 - random.Next(1000));

    private JsonObject UnknownKind()
    {
        var kind = UnknownKinds[random.Next(UnknownKinds.Length)];
        var from = random.Next(2) == 0 ? Victim().UserId : Stranger();
        var payload = random.Next(2) == 0
            ? new JsonObject { ["message_id"] = 1, ["date"] = 0, ["chat"] = Chat(from), ["from"] = From(from), ["text"] = "/start" }
            : RandomObject(1);
        return new JsonObject { ["update_id"] = UpdateId(), [kind] = payload };
    }

    private JsonObject Callback(long userId, long chatId, long messageId, string? data)
    {
        var query = new JsonObject
        {
            ["id"] = random.NextInt64(1, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["from"] = From(userId),
            ["message"] = new JsonObject { ["message_id"] = messageId, ["date"] = 1_700_000_000, ["chat"] = Chat(chatId) },
            ["chat_instance"] = "-1",
        };
        if (data is not null)
        {
            query["data"] = data;
        }

        return new JsonObject { ["update_id"] = UpdateId(), ["callback_query"] = query };
    }

    /// <summary>
    /// A press no honest button makes. Victims press only what must be refused (others' assignments, options out of
    /// range, garbage, admin-only buttons); strangers may press anything, valid-looking or not.
    /// </summary>
    private JsonObject ForgedCallback()
    {
        var victim = Victim();
        var other = victims.Where(v => v.UserId != victim.UserId).SelectMany(v => v.AssignmentIds).DefaultIfEmpty(999_999).ToList();
        var theirs = other[random.Next(other.Count)];
        var own = victim.AssignmentIds.Count > 0 ? victim.AssignmentIds[random.Next(victim.AssignmentIds.Count)] : 1;
        string?[] refused =
        [
            $"a:{theirs}:0", $"s:{theirs}", $"r:{theirs}", $"rr:{theirs}:0", $"x:{theirs}",
            $"a:{own}:{random.Next(9, 1000)}", $"a:{own}:-1", $"a:{own}", $"a:{own}:0:0", $"a:{own}:x", "a:99999999999999999999:0", "a:0:0",
            $"a:-{own}:0", "pya:1", "pyr:1", "q:0:1", "q:1:1", "b:0:1", "b:2:1", "bi:1", "pa:1", "pk:99", "l:xx",
            RandomText(random.Next(1, 64)), new string('a', random.Next(65, 300)), $"a:{own}:0" + new string(' ', 64), "", null,
        ];
        if (random.Next(2) == 0)
        {
            return Callback(victim.UserId, victim.UserId, random.Next(2) == 0 ? victim.MessageId : random.Next(1, 1000), refused[random.Next(refused.Length)]);
        }

        var stranger = Stranger();
        string?[] anything = [.. refused, "n", "c", "l:en", "l:id", $"a:{own}:0", $"s:{own}", $"x:{own}", $"rr:{own}:1", "pv", "pq", "pk:1"];
        // A stranger's press in a victim's chat, or in their own.
        var chat = random.Next(2) == 0 ? victim.UserId : stranger;
        return Callback(stranger, chat, victim.MessageId, anything[random.Next(anything.Length)]);
    }

    private JsonObject Document(long userId, string fileName, string mime)
    {
        var update = Message(userId, "");
        var message = (JsonObject)update["message"]!;
        message.Remove("text");
        message["document"] = new JsonObject
        {
            ["file_id"] = "BQAC" + RandomText(20),
            ["file_unique_id"] = "u" + random.Next(),
            ["file_name"] = fileName,
            ["mime_type"] = mime,
            ["file_size"] = random.Next(3) switch { 0 => -1, 1 => long.MaxValue, _ => random.Next(1, 50_000_000) },
        };
        message["caption"] = random.Next(2) == 0 ? "#1" : RandomText(30);
        return update;
    }

    /// <summary>A document whose name and mime type say one thing and whose id points at nothing (or at garbage).</summary>
    private JsonObject LyingDocument()
    {
        (string Name, string Mime)[] lies =
        [
            ("tasks.csv", "application/x-msdownload"), ("tasks.exe", "text/csv"), ("../../etc/passwd", "text/plain"),
            ("tasks.json", "image/png"), (new string('n', 5000) + ".csv", "text/csv"), ("tasks\0.csv", "text/csv"),
            ("tasks.jsonl", ""), ("", "application/json"), ("<b>x</b>.csv", "text/html"), ("tasks.csv.zip", "application/zip"),
        ];
        var (name, mime) = lies[random.Next(lies.Length)];
        // A victim is a worker, not a requester: the bot must refuse the file without fetching it.
        var from = random.Next(2) == 0 ? Victim().UserId : Stranger();
        return Document(from, name, mime);
    }

    private string? WrongSecret() => random.Next(5) switch
    {
        0 => null,
        1 => "",
        2 => secret + "x",
        3 => secret[..^1],
        _ => new string('s', 300),
    };

    private byte[] Oversized()
    {
        var size = (int)oversizedBytes;
        var body = new byte[size];
        Array.Fill(body, (byte)' ');
        Encoding.UTF8.GetBytes("{\"update_id\":1,\"message\":{\"text\":\"").CopyTo(body, 0);
        return body;
    }

    private string RandomText(int length)
    {
        const string Alphabet = "abcxyzABC019 _-:/@#<>&\"'\\\u00e9\u4e2d\ud83d\ude00\u0000\u202e";
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return text.ToString();
    }
}
