using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microtask.Sandbox.Tests;

/// <summary>A tiny Kestrel endpoint standing in for the bot's webhook; it can fail its first requests on purpose.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Delivery(long UpdateId, long? ChatId, string? Secret, int Status);

    private readonly WebApplication app;
    private readonly Channel<Delivery> deliveries = Channel.CreateUnbounded<Delivery>();
    private int failuresLeft;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>The next this-many requests answer 500.</summary>
    public int FailNext
    {
        set => Volatile.Write(ref failuresLeft, value);
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var receiver = new WebhookReceiver(builder.Build());
        receiver.app.MapPost("/hook", receiver.HandleAsync);
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>The body a successful delivery is answered with, from the update (null: an empty body).</summary>
    public Func<JsonElement, (string ContentType, string Body)?>? Reply { get; set; }

    public async Task<Delivery> NextAsync() =>
        await deliveries.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    private async Task HandleAsync(HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        var update = body.RootElement;
        long? chatId = update.TryGetProperty("message", out var message) ? message.GetProperty("chat").GetProperty("id").GetInt64() : null;
        var status = Interlocked.Decrement(ref failuresLeft) >= 0 ? 500 : 200;
        var secret = http.Request.Headers.TryGetValue("X-Telegram-Bot-Api-Secret-Token", out var header) ? header.ToString() : null;
        deliveries.Writer.TryWrite(new Delivery(update.GetProperty("update_id").GetInt64(), chatId, secret, status));
        http.Response.StatusCode = status;
        if (status == 200 && Reply?.Invoke(update) is var (contentType, reply))
        {
            http.Response.ContentType = contentType;
            await http.Response.WriteAsync(reply);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await this.app.StopAsync();
        await this.app.DisposeAsync();
    }
}
