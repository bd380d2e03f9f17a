using System.ComponentModel.DataAnnotations;

namespace Microtask.Bot.Workers;

/// <summary>Daily quotas (section "Microtask:Quotas").</summary>
public sealed class QuotaOptions
{
    /// <summary>Answers one worker may give in one local day on the whole platform, whatever their own limit says.</summary>
    [Range(1, 100_000)]
    public int PlatformDailyCap { get; set; } = 500;
}
