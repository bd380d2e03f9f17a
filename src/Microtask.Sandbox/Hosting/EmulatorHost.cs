using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microtask.Sandbox.Api;
using Microtask.Sandbox.Control;
using Microtask.Sandbox.State;
using Microtask.Sandbox.WebChat;

namespace Microtask.Sandbox.Hosting;

/// <summary>The Kestrel server: loopback only, quiet, and independent of the hosting process's configuration.</summary>
internal static class EmulatorHost
{
    // Above the 50 MB upload limit, so an oversized document gets the emulator's own Telegram-style error.
    private const long MaxRequestBodyBytes = 60L * 1024 * 1024;

    public static async Task<(WebApplication App, Uri BaseUrl)> StartAsync(BotApiEmulator emulator, EmulatorState state, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The emulator often runs inside the bot's process: ignore its appsettings, URLs and environment.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, NoConsoleLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Listen(IPAddress.Loopback, state.Options.Port);
        });
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = MaxRequestBodyBytes);

        var app = builder.Build();
        // Not "bot{token}": ASP.NET matches a literal prefix from the right, and tokens may contain "bot".
        app.Map("/{botToken}/{method}", (HttpContext http, string botToken, string method) =>
            BotApiEndpoint.HandleAsync(http, state, TokenOf(botToken), method));
        app.MapGet("/file/{botToken}/{**path}", (HttpContext http, string botToken, string path) =>
            BotApiEndpoint.DownloadAsync(http, state, TokenOf(botToken), path));
        app.MapControlApi(emulator);
        app.MapWebChat();

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return (app, new Uri($"http://127.0.0.1:{port}/"));
    }

    private static string? TokenOf(string segment) =>
        segment.StartsWith("bot", StringComparison.Ordinal) ? segment[3..] : null;

    /// <summary>Leaves Ctrl+C and SIGTERM to the host process; the emulator stops when disposed.</summary>
    private sealed class NoConsoleLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
