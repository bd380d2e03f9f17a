using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Microtask.Bot.Telegram;

public enum TransportMode
{
    Polling,
    Webhook,
}

/// <summary>How the bot reaches Telegram. No token means the local sandbox.</summary>
public sealed partial class TelegramOptions : IValidatableObject
{
    public string? BotToken { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    public TransportMode Mode { get; set; } = TransportMode.Polling;

    /// <summary>Public HTTPS address Telegram posts updates to, in webhook mode.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Echoed by Telegram in X-Telegram-Bot-Api-Secret-Token; 1–256 of A-Z a-z 0-9 _ -.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// How many updates Telegram may have in flight to the webhook at once, across every instance behind it (1–100).
    /// Each holds its connection until handled, so this over the handling time caps the rate; and each in flight may
    /// hold a database connection, so more is not free (docs/decisions/0012 has the figures behind the default).
    /// </summary>
    [Range(1, 100)]
    public int WebhookMaxConnections { get; set; } = 40;

    [Range(0, 50)]
    public int PollingTimeoutSeconds { get; set; } = 25;

    /// <summary>The largest file the bot may send: 50 MB on Telegram's servers, up to 2000 MB on a self-hosted Bot API server.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 2_000_000_000)]
    public long UploadLimitBytes { get; set; } = 50_000_000;

    public bool IsSandbox => string.IsNullOrWhiteSpace(BotToken);

    [GeneratedRegex(@"^\d{3,20}:[A-Za-z0-9_-]{20,}$")]
    private static partial Regex TokenShape();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretShape();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Never echo the token itself: say what is wrong with it.
        if (!IsSandbox && !TokenShape().IsMatch(BotToken!.Trim()))
        {
            yield return new("Telegram:BotToken is malformed (expected <digits>:<at least 20 letters, digits, _ or ->, as given by @BotFather)");
        }

        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https"))
        {
            yield return new("Telegram:ApiBaseUrl must be an absolute http(s) URL");
        }

        if (Mode == TransportMode.Webhook)
        {
            if (!Uri.TryCreate(WebhookUrl, UriKind.Absolute, out _))
            {
                yield return new("Telegram:WebhookUrl must be an absolute URL in webhook mode");
            }

            if (WebhookSecret is null || !SecretShape().IsMatch(WebhookSecret))
            {
                yield return new("Telegram:WebhookSecret is required in webhook mode: 1-256 characters of A-Z, a-z, 0-9, _ and -");
            }
        }
    }
}
