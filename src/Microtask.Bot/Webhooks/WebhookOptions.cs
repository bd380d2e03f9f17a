using System.ComponentModel.DataAnnotations;

namespace Microtask.Bot.Webhooks;

/// <summary>Microtask:Api:Webhooks — where webhooks may post, and how long and how often the bot tries.</summary>
internal sealed class WebhookOptions
{
    /// <summary>Allows loopback addresses and plain http (the sandbox, tests); private networks stay refused.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>How long one attempt waits for the receiver's answer.</summary>
    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Attempts per event before it is given up (with the default backoff, 8 span about eleven hours).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Failed attempts in a row after which the requester is told, once until a delivery succeeds.</summary>
    [Range(1, 1000)]
    public int FailuresBeforeNotice { get; set; } = 5;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
