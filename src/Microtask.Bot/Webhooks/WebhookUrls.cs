using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Microtask.Bot.Webhooks;

/// <summary>Why an address was refused as a webhook.</summary>
internal enum UrlRefusal
{
    /// <summary>Not a whole http(s) address, over the length limit, or with a user name or password in it.</summary>
    Malformed,
    NotHttps,
    /// <summary>The host is, or resolves to, an address that is not public (see <see cref="WebhookAddresses"/>).</summary>
    PrivateAddress,
    Unresolved,
}

/// <summary>An address checked for a webhook: the URL to post to, or why not (with the host, for the message).</summary>
internal sealed record UrlCheck(Uri? Url, UrlRefusal? Refusal, string Host);

/// <summary>
/// The guard on webhook addresses: https only, and a host whose every address is public. Checked when the webhook is
/// set, and again on every connection it makes (<see cref="WebhookPoster"/>), since what a name resolves to can change.
/// Microtask:Api:Webhooks:AllowLoopback lets loopback and plain http through, for the sandbox and the tests.
/// </summary>
internal sealed class WebhookUrls(IOptions<WebhookOptions> options)
{
    public const int MaxLength = 500;
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    public bool Allows(IPAddress address) => WebhookAddresses.IsPublic(address) || (options.Value.AllowLoopback && WebhookAddresses.IsLoopback(address));

    public async Task<UrlCheck> CheckAsync(string text, CancellationToken ct)
    {
        text = text.Trim();
        if (text.Length is 0 or > MaxLength || !Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")
            || url.UserInfo.Length > 0 || url.DnsSafeHost.Length == 0)
        {
            return new(null, UrlRefusal.Malformed, "");
        }

        if (url.Scheme != Uri.UriSchemeHttps && !options.Value.AllowLoopback)
        {
            return new(null, UrlRefusal.NotHttps, url.Host);
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(url.DnsSafeHost, ct).WaitAsync(ResolveTimeout, ct);
        }
        catch (Exception e) when (e is SocketException or TimeoutException or ArgumentException)
        {
            return new(null, UrlRefusal.Unresolved, url.Host);
        }

        return addresses.Length == 0 ? new(null, UrlRefusal.Unresolved, url.Host)
            : !addresses.All(Allows) ? new(null, UrlRefusal.PrivateAddress, url.Host)
            : new(url, null, url.Host);
    }

    /// <summary>The host's addresses: itself when it is one, else what DNS says now.</summary>
    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
}
