using Microtask.Sandbox.Api;
using Microtask.Sandbox.Faults;

namespace Microtask.Sandbox;

/// <summary>
/// Makes the emulator misbehave the ways Telegram does, so a bot's retry and back-off code can be
/// tested. Rules apply to Bot API calls only (never to the control API). Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    /// <summary>A refusal (<paramref name="Hold"/> null) or a hang (held that long, then handled) for the next matching calls.</summary>
    private sealed record Rule(int Code, string Description, int? RetryAfter, long? ChatId, string? Method, TimeSpan? Hold = null)
    {
        public int Remaining;

        public bool Matches(string method, long? chatId) =>
            (ChatId is null || ChatId == chatId) && (Method is null || Method.Equals(method, StringComparison.OrdinalIgnoreCase));
    }

    private readonly object gate = new();
    private readonly List<Rule> rules = [];
    private readonly HashSet<long> blocked = [];
    private readonly TimeProvider time;
    private volatile RateLimiter? limiter;
    private volatile int ruleCount;
    private volatile int blockedCount;

    internal FaultInjector(TimeProvider time) => this.time = time;

    /// <summary>
    /// The next <paramref name="count"/> matching calls answer 429 "Too Many Requests: retry after S"
    /// with parameters.retry_after = <paramref name="retryAfterSeconds"/>. Matching means: the call's
    /// chat_id equals <paramref name="chatId"/> (any call when null) and its method equals
    /// <paramref name="method"/> case-insensitively (any method when null).
    /// </summary>
    public void TooManyRequests(int retryAfterSeconds, int count = 1, long? chatId = null, string? method = null) =>
        AddRule(429, $"Too Many Requests: retry after {retryAfterSeconds}", retryAfterSeconds, count, chatId, method);

    /// <summary>
    /// The next <paramref name="count"/> matching calls fail with a server error: 500 "Internal Server
    /// Error", 502 "Bad Gateway", 503 "Service Unavailable" or 504 "Gateway Timeout".
    /// </summary>
    public void ServerError(int statusCode = 500, int count = 1, long? chatId = null, string? method = null)
    {
        var description = statusCode switch
        {
            500 => "Internal Server Error",
            502 => "Bad Gateway",
            503 => "Service Unavailable",
            504 => "Gateway Timeout",
            _ => throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "Use 500, 502, 503 or 504."),
        };
        AddRule(statusCode, description, null, count, chatId, method);
    }

    /// <summary>
    /// The next <paramref name="count"/> matching calls are held for <paramref name="hold"/> before they are handled:
    /// a call that times out. A client that gives up first aborts it, and the call is then not handled at all (as when
    /// a request never reached Telegram); one that waits gets its answer late.
    /// </summary>
    public void Hang(TimeSpan hold, int count = 1, long? chatId = null, string? method = null) =>
        AddRule(0, "held", null, count, chatId, method, hold);

    /// <summary>How long to hold this call, taking one from the first matching <see cref="Hang"/>; null when none matches.</summary>
    internal TimeSpan? TakeHang(string method, long? chatId) => ruleCount > 0 ? Take(method, chatId, hang: true)?.Hold : null;

    /// <summary>The user blocked the bot: every call naming this chat answers 403 "Forbidden: bot was blocked by the user" until <see cref="Unblock"/>.</summary>
    public void Block(long chatId)
    {
        lock (gate) { this.blocked.Add(chatId); blockedCount = this.blocked.Count; }
    }

    /// <summary>The user unblocked the bot.</summary>
    public void Unblock(long chatId)
    {
        lock (gate) { this.blocked.Remove(chatId); blockedCount = this.blocked.Count; }
    }

    public bool IsBlocked(long chatId)
    {
        if (blockedCount == 0) return false;
        lock (gate) return this.blocked.Contains(chatId);
    }

    /// <summary>Artificial latency added before every Bot API call is answered (zero by default).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Enforces Telegram's send limits on sendMessage and sendDocument: more than
    /// <paramref name="perChatPerSecond"/> per second in one chat (bursts up to
    /// <paramref name="perChatBurst"/> pass) or more than <paramref name="globalPerSecond"/> per second
    /// overall answer 429 with retry_after. Off until called.
    /// </summary>
    public void EnableRateLimits(int perChatPerSecond = 1, int perChatBurst = 3, int globalPerSecond = 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perChatPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perChatBurst, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(globalPerSecond, 1);
        this.limiter = new RateLimiter(this.time, perChatPerSecond, perChatBurst, globalPerSecond);
    }

    public bool RateLimitsEnabled => this.limiter is not null;

    /// <summary>How many sends the rate limits answered with 429 since they were enabled.</summary>
    public int RateLimited => Volatile.Read(ref rateLimited);

    private int rateLimited;

    /// <summary>How many injected 429/5xx answers are still to come.</summary>
    public int PendingFaults
    {
        get { lock (gate) return rules.Sum(r => r.Remaining); }
    }

    /// <summary>Removes every pending fault, block, delay and rate limit.</summary>
    public void Reset()
    {
        lock (gate)
        {
            rules.Clear();
            this.blocked.Clear();
            ruleCount = blockedCount = 0;
        }
        Delay = TimeSpan.Zero;
        this.limiter = null;
    }

    /// <summary>Throws the refusal due for this call, if any. Called for every Bot API call.</summary>
    internal void Check(string method, long? chatId)
    {
        if (ruleCount > 0) TakeRule(method, chatId);
        if (chatId is { } id && IsBlocked(id))
            throw new BotApiException(403, "Forbidden: bot was blocked by the user");
        if (this.limiter is { } limiter && method is "sendMessage" or "sendDocument" && limiter.TryAcquire(chatId) is { } wait)
        {
            Interlocked.Increment(ref rateLimited);
            throw BotApiException.TooManyRequests(wait);
        }
    }

    private void TakeRule(string method, long? chatId)
    {
        if (Take(method, chatId, hang: false) is { } hit)
            throw new BotApiException(hit.Code, hit.Description, hit.RetryAfter);
    }

    /// <summary>Uses up one of the first matching rule of the kind asked for; null when none matches.</summary>
    private Rule? Take(string method, long? chatId, bool hang)
    {
        lock (gate)
        {
            var hit = rules.FirstOrDefault(r => r.Hold is not null == hang && r.Matches(method, chatId));
            if (hit is null) return null;
            if (--hit.Remaining == 0) rules.Remove(hit);
            ruleCount = rules.Count;
            return hit;
        }
    }

    private void AddRule(int code, string description, int? retryAfter, int count, long? chatId, string? method, TimeSpan? hold = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (gate)
        {
            rules.Add(new Rule(code, description, retryAfter, chatId, method, hold) { Remaining = count });
            ruleCount = rules.Count;
        }
    }
}
