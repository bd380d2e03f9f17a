using System.Globalization;
using Microtask.Bot.Resources;

namespace Microtask.Bot.Webhooks;

/// <summary>A failed attempt's stored error ("http:503", "timeout", "address", "connect:ConnectionRefused") in words.</summary>
internal static class WebhookErrors
{
    public static string Describe(string error, CultureInfo culture, int timeoutSeconds)
    {
        var (kind, detail) = error.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? (error[..colon], error[(colon + 1)..]) : (error, "");
        return kind switch
        {
            "http" => Text(nameof(WebhookMessages.ErrorHttp), culture, detail),
            "timeout" => Text(nameof(WebhookMessages.ErrorTimeout), culture, timeoutSeconds),
            "address" => Text(nameof(WebhookMessages.ErrorAddress), culture),
            _ => Text(nameof(WebhookMessages.ErrorConnect), culture, detail),
        };
    }

    public static string Text(string key, CultureInfo culture, params object[] args) =>
        string.Format(culture, WebhookMessages.ResourceManager.GetString(key, culture)!, args);
}
