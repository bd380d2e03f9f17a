using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

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

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        emulator.Changed += OnChanged;
        try
        {
            await http.Response.WriteAsync(": connected\n\n", http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
            await foreach (var change in events.Reader.ReadAllAsync(http.RequestAborted))
            {
                var json = JsonSerializer.Serialize(change, ControlEndpoints.Json);
                await http.Response.WriteAsync($"event: {change.Kind}\ndata: {json}\n\n", http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
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
