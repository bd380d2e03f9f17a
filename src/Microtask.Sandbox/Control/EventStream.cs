using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Microtask.Sandbox.Control;

/// <summary>Server-sent events: every <see cref="SandboxEvent"/> (of one chat when userId is given) as a JSON data line.</summary>
internal static class EventStream
{
    public static async Task RunAsync(HttpContext http, BotApiEmulator emulator, long? userId)
    {
        // Bounded so a stalled browser cannot make the emulator hoard events.
        var events = Channel.CreateBounded<SandboxEvent>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        void OnChanged(SandboxEvent e)
        {
            if (userId is null || e.ChatId == userId) events.Writer.TryWrite(e);
        }

        // Ends with the request or when the emulator stops, whichever comes first.
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var end = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        emulator.Changed += OnChanged;
        try
        {
            await http.Response.WriteAsync(": connected\n\n", end.Token);
            await http.Response.Body.FlushAsync(end.Token);
            await foreach (var change in events.Reader.ReadAllAsync(end.Token))
            {
                var json = JsonSerializer.Serialize(change, ControlEndpoints.Json);
                await http.Response.WriteAsync($"event: {change.Kind}\ndata: {json}\n\n", end.Token);
                await http.Response.Body.FlushAsync(end.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
        finally
        {
            emulator.Changed -= OnChanged;
        }
    }
}
