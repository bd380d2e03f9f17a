using System.ComponentModel.DataAnnotations;

namespace Microtask.Bot.Api;

/// <summary>Microtask:Api — the HTTP API's limits.</summary>
internal sealed class ApiOptions
{
    /// <summary>Requests one token may make per minute; more get 429 with Retry-After.</summary>
    [Range(1, 100_000)]
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>The largest request body (a batch upload), in bytes: the same 20 MB the chat takes.</summary>
    [Range(1, 1L << 30)]
    public long MaxBodyBytes { get; set; } = 20L * 1024 * 1024;
}
