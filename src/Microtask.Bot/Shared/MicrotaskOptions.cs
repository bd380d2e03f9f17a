using System.ComponentModel.DataAnnotations;

namespace Microtask.Bot.Shared;

/// <summary>The bot's own settings (section "Microtask").</summary>
public sealed class MicrotaskOptions : IValidatableObject
{
    /// <summary>How a nested setting out of its range is told, after "Microtask:Section:": "Decimals must be between 0 and 4".</summary>
    internal const string RangeMessage = "{0} must be between {1} and {2}";

    /// <summary>Where "today" ends for a worker who has not chosen a time zone.</summary>
    public string DefaultTimeZone { get; set; } = "Asia/Jakarta";

    /// <summary>Language for users whose Telegram language is unknown.</summary>
    public string DefaultLanguage { get; set; } = "id";

    public string SqlitePath { get; set; } = "data/microtask.db";

    /// <summary>Prefix of every Redis key, so that deployments sharing a Redis stay apart.</summary>
    public string RedisPrefix { get; set; } = "mt:";

    public SampleProjectOptions SampleProject { get; set; } = new();

    /// <summary>Telegram user ids with the requester role from the configuration, beside those admins grant in the chat.</summary>
    public long[] Requesters { get; set; } = [];

    /// <summary>
    /// Secret that turns worker ids into the pseudonyms requesters see in results. Empty: the bot makes a random one at its
    /// first start and keeps it in the database.
    /// </summary>
    public string PseudonymSalt { get; set; } = "";

    public CurrencyOptions Currency { get; set; } = new();

    public PayOptions Pay { get; set; } = new();

    public LeaseOptions Leases { get; set; } = new();

    public NoticeOptions Notices { get; set; } = new();

    public AdminOptions Admins { get; set; } = new();

    public SandboxOptions Sandbox { get; set; } = new();

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(DefaultTimeZone, out _))
        {
            yield return new($"Microtask:DefaultTimeZone '{DefaultTimeZone}' is not a known IANA time zone");
        }

        if (DefaultLanguage is not ("id" or "en"))
        {
            yield return new("Microtask:DefaultLanguage must be 'id' or 'en'");
        }

        // DataAnnotations checks one object, not the objects its properties hold: each nested section is checked here.
        foreach (var (section, nested) in new (string, object)[] { ("Currency", Currency), ("Pay", Pay), ("Leases", Leases), ("Notices", Notices), ("Sandbox", Sandbox) })
        {
            var failures = new List<ValidationResult>();
            Validator.TryValidateObject(nested, new ValidationContext(nested), failures, validateAllProperties: true);
            foreach (var failure in failures)
            {
                yield return new($"Microtask:{section}:{failure.ErrorMessage}");
            }
        }
    }
}

public sealed class SampleProjectOptions
{
    /// <summary>Load the sample into an empty database. Unset: on in the embedded default, off otherwise.</summary>
    public bool? Enabled { get; set; }

    public string Path { get; set; } = "config/samples/sample-project.json";

    /// <summary>The picture-labelling sample, loaded first so a newcomer's first task is a photo; empty: none.</summary>
    public string PicturesPath { get; set; } = "config/samples/sample-pictures.json";
}

public sealed class CurrencyOptions
{
    public string Symbol { get; set; } = "Rp";

    [Range(0, 4, ErrorMessage = MicrotaskOptions.RangeMessage)]
    public int Decimals { get; set; }

    /// <summary>An amount in minor units as the reader writes money, e.g. "Rp 1.500" in Indonesian.</summary>
    public string Format(long minorUnits, System.Globalization.CultureInfo? culture = null) =>
        Core.Money.Format(minorUnits, Decimals, Symbol, culture ?? System.Globalization.CultureInfo.CurrentCulture);
}

/// <summary>What a project must pay for the time its tasks take.</summary>
public sealed class PayOptions
{
    /// <summary>
    /// The least an hour of a project's tasks should pay, in minor units of the currency; 0 for no floor. The default
    /// is Indonesia's lowest provincial minimum wage of 2025 as an hourly wage (see docs/configuration.md).
    /// </summary>
    [Range(0, long.MaxValue, ErrorMessage = MicrotaskOptions.RangeMessage)]
    public long HourlyFloor { get; set; } = 17_217;

    /// <summary>What the wizard does with a project below the floor: warn the requester and go on, or refuse it.</summary>
    public BelowFloor BelowFloor { get; set; } = BelowFloor.Warn;

    /// <summary>
    /// The reward that would meet the floor for tasks of <paramref name="seconds"/>, when <paramref name="reward"/> pays
    /// less an hour than it; null when there is no floor, no time to judge by, or the reward meets it.
    /// </summary>
    public long? RewardNeeded(long reward, int seconds) =>
        HourlyFloor > 0 && seconds > 0 && Core.PayRate.PerHour(reward, seconds) < HourlyFloor ? Core.PayRate.RewardFor(HourlyFloor, seconds) : null;
}

public enum BelowFloor
{
    Warn,
    Refuse,
}

public sealed class LeaseOptions
{
    /// <summary>How long before a lease ends the worker is reminded (with an Extend button); zero for no reminder.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = MicrotaskOptions.RangeMessage)]
    public TimeSpan ReminderBefore { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class NoticeOptions
{
    /// <summary>A requester is warned once when a project's budget falls below this many rewards.</summary>
    [Range(1, 1_000_000, ErrorMessage = MicrotaskOptions.RangeMessage)]
    public int BudgetLowAnswers { get; set; } = 20;

    /// <summary>Local time (in the default time zone) of the requesters' daily digest and the admins' daily summary.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59", ErrorMessage = MicrotaskOptions.RangeMessage)]
    public TimeSpan DailyAt { get; set; } = TimeSpan.FromHours(9);

    /// <summary>How many /notify messages one requester may send in their local day.</summary>
    [Range(1, 100, ErrorMessage = MicrotaskOptions.RangeMessage)]
    public int NotifyPerDay { get; set; } = 3;
}

public sealed class AdminOptions
{
    /// <summary>Telegram user ids of the platform's owners: admins who cannot be demoted or banned, and get the daily summary.</summary>
    public long[] Owners { get; set; } = [];
}

public sealed class SandboxOptions
{
    [Range(0, 65535, ErrorMessage = MicrotaskOptions.RangeMessage)]
    public int Port { get; set; } = 5080;
}
