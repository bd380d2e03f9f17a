using System.Text.RegularExpressions;
using Microtask.Sandbox.Api;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.Methods;

/// <summary>setWebhook, deleteWebhook, getWebhookInfo. Plain http URLs are allowed: the bot runs locally.</summary>
internal static partial class Webhooks
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretToken();

    public static ValueTask<object> Set(MethodContext c)
    {
        var url = c.Args.RequireString("url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw BotApiException.BadRequest("bad webhook: invalid webhook URL specified");
        var secret = c.Args.String("secret_token");
        if (secret is not null && !SecretToken().IsMatch(secret))
            throw BotApiException.BadRequest("secret token contains unallowed characters");
        var maxConnections = c.Args.Long("max_connections") ?? 40;
        if (maxConnections is < 1 or > 100) throw BotApiException.BadRequest("bad webhook: invalid max_connections specified");
        var allowed = c.Args.Json<List<string>>("allowed_updates", "allowed updates");
        if (c.Args.Bool("drop_pending_updates")) c.State.Updates.DropAll();
        c.State.Webhook.Set(uri, string.IsNullOrEmpty(secret) ? null : secret, (int)maxConnections, allowed);
        return ValueTask.FromResult<object>(true);
    }

    public static ValueTask<object> Delete(MethodContext c)
    {
        c.State.Webhook.Delete();
        if (c.Args.Bool("drop_pending_updates")) c.State.Updates.DropAll();
        return ValueTask.FromResult<object>(true);
    }

    public static ValueTask<object> Info(MethodContext c)
    {
        var webhook = c.State.Webhook;
        var target = webhook.Target;
        return ValueTask.FromResult<object>(new WireWebhookInfo
        {
            Url = target?.Urls[^1].ToString() ?? "",
            PendingUpdateCount = c.State.Updates.PendingCount,
            LastErrorDate = target is null ? null : webhook.LastErrorDate?.ToUnixTimeSeconds(),
            LastErrorMessage = target is null ? null : webhook.LastErrorMessage,
            MaxConnections = target?.MaxConnections,
            AllowedUpdates = target?.AllowedUpdates,
        });
    }
}
