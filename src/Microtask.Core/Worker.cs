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

    /// <summary>Smoothed gold accuracy, (correct + 1) / (total + 2): a newcomer starts at 50 %, not 0 or 100.</summary>
    public double Accuracy => (GoldCorrect + 1.0) / (GoldTotal + 2.0);
}

public sealed record WorkerStats(Worker Worker, int AnsweredToday, int AnsweredTotal);
