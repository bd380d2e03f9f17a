using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microtask.Sandbox.Tests;

/// <summary>
/// A tiny Kestrel server on loopback standing in for the web servers a bot names files by URL on: plain HTTP, or HTTPS
/// with a self-signed certificate. Paths not added answer 404; /hang never answers.
/// </summary>
internal sealed class FileServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (string ContentType, byte[] Content)> files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> hits = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private WebApplication app = null!;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FileServer> StartAsync(bool https = false)
    {
        var server = new FileServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (https) listen.UseHttps(SelfSigned());
        }));
        server.app = builder.Build();
        server.app.MapGet("/{**path}", server.ServeAsync);
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return server;
    }

    /// <summary>Serves the bytes at this path with this Content-Type; returns the URL.</summary>
    public string Add(string path, byte[] content, string contentType)
    {
        this.files[path] = (contentType, content);
        return new Uri(BaseUrl, path).ToString();
    }

    public int Hits(string path) => this.hits.GetValueOrDefault(path);

    private async Task ServeAsync(HttpContext http, string path)
    {
        this.hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (path == "hang")
        {
            await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(this.stopping.Token, http.RequestAborted).Token)
                .ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }
        if (path.StartsWith("redirect/", StringComparison.Ordinal))
        {
            http.Response.Redirect("/" + path["redirect/".Length..]);
            return;
        }
        if (!this.files.TryGetValue(path, out var file))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        http.Response.ContentType = file.ContentType;
        await http.Response.Body.WriteAsync(file.Content);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await this.stopping.CancelAsync();
        await this.app.StopAsync();
        await this.app.DisposeAsync();
        this.stopping.Dispose();
    }
}
