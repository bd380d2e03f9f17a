using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microtask.Storage;

namespace Microtask.Bot.Webhooks;

/// <summary>
/// Posts one event to a webhook, signed: the body as recorded, the event's id, the time of this attempt and
/// HMAC-SHA256(secret, timestamp + "." + body). Every connection is made to an address the guard allows, resolved at
/// that moment, so a name that now points inside the network reaches nothing. No redirect is followed, no proxy used.
/// </summary>
internal sealed class WebhookPoster : IDisposable
{
    public const string IdHeader = "Microtask-Webhook-Id";
    public const string TimestampHeader = "Microtask-Webhook-Timestamp";
    public const string SignatureHeader = "Microtask-Webhook-Signature";

    private readonly HttpClient http;
    private readonly IOptions<WebhookOptions> options;
    private readonly TimeProvider time;

    public WebhookPoster(WebhookUrls urls, IOptions<WebhookOptions> options, TimeProvider time)
    {
        this.options = options;
        this.time = time;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            // A connection lives a minute at most: a name is resolved, and its addresses checked, again after that.
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = (context, ct) => ConnectAsync(urls, context.DnsEndPoint, ct),
        };
        http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Microtask.Bot-Webhooks/1");
    }

    /// <summary>The signature header's value: "sha256=" and the lower-case hex HMAC-SHA256 of timestamp + "." + body.</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));

    /// <summary>Null when the receiver answered 2xx; else what went wrong ("http:503", "timeout", "address", "connect:…").</summary>
    public async Task<string?> PostAsync(Webhook hook, WebhookDelivery delivery, CancellationToken ct)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json") };
            request.Headers.Add(IdHeader, delivery.EventId);
            request.Headers.Add(TimestampHeader, timestamp);
            request.Headers.Add(SignatureHeader, Sign(hook.Secret, timestamp, delivery.Body));
            // Only the status counts: the receiver's body is never read.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode ? null : "http:" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return "timeout";
        }
        catch (HttpRequestException e)
        {
            return Causes(e).OfType<AddressRefusedException>().Any() ? "address" : "connect:" + Reason(e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever else went wrong is this attempt's failure: the event keeps its retries and its count.
            return "connect:" + e.GetType().Name;
        }
    }

    public void Dispose() => http.Dispose();

    private static async ValueTask<Stream> ConnectAsync(WebhookUrls urls, DnsEndPoint endpoint, CancellationToken ct)
    {
        var addresses = await WebhookUrls.ResolveAsync(endpoint.Host, ct);
        if (addresses.Length == 0 || !addresses.All(urls.Allows))
        {
            throw new AddressRefusedException();
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A word for why the connection failed, from the socket's error or TLS; never the URL.</summary>
    private static string Reason(HttpRequestException e) =>
        Causes(e).OfType<SocketException>().FirstOrDefault() is { } socket ? socket.SocketErrorCode.ToString()
        : Causes(e).OfType<AuthenticationException>().Any() ? "TLS"
        : e.HttpRequestError.ToString();

    private static IEnumerable<Exception> Causes(Exception e)
    {
        for (var cause = e.InnerException; cause is not null; cause = cause.InnerException)
        {
            yield return cause;
        }
    }

    private sealed class AddressRefusedException() : IOException("The webhook's host resolves to an address that is not allowed.");
}
