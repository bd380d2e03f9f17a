using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microtask.Bot.Tests.Webhooks;

/// <summary>
/// A requester's webhook receiver: its own Kestrel on loopback, answering each POST as scripted (a status, or
/// <see cref="Hang"/>: no answer until the caller gives up) and keeping what it was sent.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>In a script: hold the request until the caller gives up on it.</summary>
    public const int Hang = 0;

    private readonly WebApplication app;
    private readonly ConcurrentQueue<int> script = new();
    private readonly ConcurrentQueue<Received> received = new();
    private readonly CancellationTokenSource stopping = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    /// <summary>One POST as it arrived, and the status it was answered with (<see cref="Hang"/> when it never was).</summary>
    public sealed record Received(string? EventId, string? Timestamp, string? Signature, string ContentType, string Body, int Answered)
    {
        /// <summary>The signature a receiver computes: HMAC-SHA256 keyed with the secret over timestamp + "." + body.</summary>
        public bool IsSignedWith(string secret) =>
            Signature == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(Timestamp + "." + Body)));
    }

    public IReadOnlyList<Received> Requests => [.. received];

    /// <summary>What a POST is answered with when the script has run out.</summary>
    public int Otherwise { get; set; } = StatusCodes.Status204NoContent;

    public Uri Url => new(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/hook");

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        receiver.app.MapPost("/hook", receiver.HandleAsync);
        await receiver.app.StartAsync();
        return receiver;
    }

    /// <summary>The next POSTs are answered with these, in order.</summary>
    public void Answer(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            script.Enqueue(status);
        }
    }

    public async Task WaitForAsync(int requests, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (received.Count < requests)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The receiver got {received.Count} requests, not {requests}.");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var status = script.TryDequeue(out var scripted) ? scripted : Otherwise;
        if (status == Hang)
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping.Token);
            await Task.Delay(Timeout.Infinite, either.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        else
        {
            http.Response.StatusCode = status;
        }

        var headers = http.Request.Headers;
        received.Enqueue(new(
            headers["Microtask-Webhook-Id"].FirstOrDefault(), headers["Microtask-Webhook-Timestamp"].FirstOrDefault(),
            headers["Microtask-Webhook-Signature"].FirstOrDefault(), http.Request.ContentType ?? "", body, status));
    }
}
