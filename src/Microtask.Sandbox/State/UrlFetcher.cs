namespace Microtask.Sandbox.State;

internal sealed record FetchedFile(string FileName, string? ContentType, byte[] Content);

/// <summary>
/// Fetches a file the bot names by an HTTP(S) URL, as Telegram's servers do: within a time limit and a size cap,
/// following redirects, straight to the server (no proxy: the servers a test names are its own, on this machine).
/// </summary>
internal sealed class UrlFetcher : IDisposable
{
    private readonly HttpClient http;
    private readonly TimeSpan timeout;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5359", Justification = "Opt-in for tests that serve media over HTTPS with a certificate made on the spot.")]
    public UrlFetcher(EmulatorOptions options)
    {
        this.timeout = options.UrlTimeout;
        var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = true, MaxAutomaticRedirections = 5 };
        if (options.AcceptAnyCertificate) handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        this.http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The file, or null when it cannot be had: no answer in time, an error status, or more bytes than <paramref name="maxBytes"/>.</summary>
    public async Task<FetchedFile?> FetchAsync(Uri url, long maxBytes, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(this.timeout);
        try
        {
            using var response = await this.http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > maxBytes) return null;
            await using var body = await response.Content.ReadAsStreamAsync(limit.Token);
            using var content = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, limit.Token)) > 0)
            {
                if (content.Length + read > maxBytes) return null;
                content.Write(chunk, 0, read);
            }
            return new FetchedFile(NameOf(response.RequestMessage?.RequestUri ?? url), response.Content.Headers.ContentType?.MediaType, content.ToArray());
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static string NameOf(Uri url) =>
        Uri.UnescapeDataString(url.Segments[^1]).Trim('/') is { Length: > 0 } name && !name.Any(char.IsControl) ? name : "file";

    public void Dispose() => this.http.Dispose();
}
