namespace Microtask.Core;

/// <summary>A person who answers tasks. <see cref="TelegramId"/> is also the private chat id.</summary>
public sealed record Worker(
    long Id,
    long TelegramId,
    string Name,
    string Language,
    bool Consented,
    bool Active,
    long Balance,
    int GoldTotal,
    int GoldCorrect)
{
    /// <summary>Roles granted in the chat ("requester", "admin"); owners come from config, not from here.</summary>
    public IReadOnlySet<string> Roles { get; init; } = new HashSet<string>();

    /// <summary>When the worker's platform ban ends (lifted or expired once past); null when never banned.</summary>
    public DateTimeOffset? BannedUntil { get; init; }

    /// <summary>The Telegram @username (without the @) as Telegram last sent it; null when the user has none.</summary>
    public string? Username { get; init; }

    /// <summary>
    /// The worker's own day as read with the worker (limit, time zone, reminder), so the quota check before each claim
    /// needs no query of its own; null when the worker was read without them.
    /// </summary>
    public WorkerDaySettings? Day { get; init; }

    /// <summary>Smoothed gold accuracy, (correct + 1) / (total + 2): a newcomer starts at 50 %, not 0 or 100.</summary>
    public double Accuracy => (GoldCorrect + 1.0) / (GoldTotal + 2.0);
}

/// <summary>The worker's own day: daily limit, time zone and reminder, as the worker set them (null: not set).</summary>
public sealed record WorkerDaySettings(int? DailyLimit, string? TimeZone, int? RemindAt);

public sealed record WorkerStats(Worker Worker, int AnsweredToday, int AnsweredTotal);
