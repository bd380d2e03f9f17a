using System.ComponentModel.DataAnnotations;

namespace Microtask.Bot.Telegram.Sending;

/// <summary>Telegram's published limits, as defaults: about 30 messages a second overall, 1 a second per chat.</summary>
public sealed class SenderOptions
{
    /// <summary>0 lifts the global limit (benchmarks: that ceiling is Telegram's, not ours).</summary>
    [Range(0, 100_000)]
    public int GlobalPerSecond { get; set; } = 30;

    [Range(1, 100)]
    public int PerChatPerSecond { get; set; } = 1;

    /// <summary>A short burst per chat: an answer edits one message and sends the next task at once.</summary>
    [Range(1, 100)]
    public int PerChatBurst { get; set; } = 3;

    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>
    /// How long one Bot API call may take before it is given up and retried like a 5xx (uploads get more, by size).
    /// A call given up after Telegram handled it cannot be told apart from one that never arrived: its retry may send
    /// the message twice (the Bot API has no idempotency key), which beats sending it never.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
