using System.Globalization;
using System.Security.Cryptography;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Webhooks;

/// <summary>A webhook just set: its address as stored, and its secret, which is shown this once.</summary>
internal sealed record NewWebhook(string Url, string Secret, bool Replaced);

/// <summary>Setting and removing a project's webhook, the same from the chat and the API: checked, stored, audited.</summary>
internal sealed class WebhookRegistry(WebhookStore store, WebhookUrls urls, AuditStore audit)
{
    /// <summary>A secret: "whsec_" and 32 random bytes in base64url. Kept as is: the bot signs with it.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Checks <paramref name="url"/> and makes it the project's webhook with a new secret; the check's refusal, if any, changes nothing.</summary>
    public async Task<(UrlCheck Check, NewWebhook? Set)> SetAsync(Project project, long actorId, string url, CancellationToken ct)
    {
        var check = await urls.CheckAsync(url, ct);
        if (check.Url is not { } checkedUrl)
        {
            return (check, null);
        }

        var secret = NewSecret();
        var replaced = await store.SetAsync(project.Id, checkedUrl.AbsoluteUri, secret, ct);
        // The host only: a path or query may hold the receiver's own token.
        await audit.WriteAsync(actorId, "webhook.set", actorId, $"#{Id(project)} {checkedUrl.Host}", ct);
        return (check, new(checkedUrl.AbsoluteUri, secret, replaced));
    }

    /// <summary>Removes the project's webhook (its waiting events are dropped); false when it had none.</summary>
    public async Task<bool> RemoveAsync(Project project, long actorId, CancellationToken ct)
    {
        if (!await store.RemoveAsync(project.Id, ct))
        {
            return false;
        }

        await audit.WriteAsync(actorId, "webhook.off", actorId, $"#{Id(project)}", ct);
        return true;
    }

    private static string Id(Project project) => project.Id.ToString(CultureInfo.InvariantCulture);
}
