using Microsoft.Extensions.Options;
using Microtask.Bot.Admins;
using Microtask.Bot.Api;
using Microtask.Bot.Jobs;
using Microtask.Bot.Money;
using Microtask.Bot.Requesters;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram;
using Microtask.Bot.Views;
using Microtask.Bot.Webhooks;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;

namespace Microtask.Bot.Hosting;

/// <summary>Builds and runs the bot. Tests build it the same way, with their own configuration on top.</summary>
public static class BotApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            await using var app = await BuildAsync(args);
            // Settings first, before the host starts and logs a failure with its stack trace: a bad value is one line.
            app.Services.GetService<IStartupValidator>()?.Validate();
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (Reason(e) is { } reason)
        {
            await Console.Error.WriteLineAsync($"Microtask.Bot cannot start: {reason}");
            return 1;
        }
    }

    /// <param name="settings">Configuration on top of everything else (tests).</param>
    /// <param name="services">Last word on services (tests: a fake clock).</param>
    public static async Task<WebApplication> BuildAsync(
        string[] args, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // config/appsettings.json first, then the environment, then the command line: the later wins.
        builder.Configuration.Sources.Clear();
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"), optional: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>());

        var sandbox = await SandboxSession.StartIfNeededAsync(builder);
        var configuration = builder.Configuration;
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddShared();
        builder.Services.AddStorage(configuration, configuration.GetSection("Microtask").Get<MicrotaskOptions>() ?? new());
        builder.Services.AddSingleton<SampleProject>();
        builder.Services.AddTelegram(configuration.GetSection("Telegram").Get<TelegramOptions>() ?? new());
        builder.Services.AddViews();
        builder.Services.AddWorkers();
        builder.Services.AddRequesters();
        builder.Services.AddMoney();
        builder.Services.AddAdmins();
        builder.Services.AddWebhooks();
        builder.Services.AddApi();
        builder.Services.AddJobs(StorageServices.IsEmbedded(configuration) ? null : StorageServices.WithoutTlsOnLoopback(configuration.GetConnectionString("Postgres")!));
        builder.Services.AddOperations();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        sandbox?.Attach(app);
        app.MapOperations();
        app.MapTelegramWebhook();
        app.MapApi();
        Jobs.Dashboard.MapDashboard(app);
        return app;
    }

    /// <summary>The one line an operator needs, for the failures an operator can fix; anything else keeps its stack trace.</summary>
    private static string? Reason(Exception e) => e switch
    {
        StartupException s => s.Message,
        OptionsValidationException o => string.Join("; ", o.Failures.Select(Plain)),
        // A value that is not even of its type ("abc" for a number) fails the binding: the message names the setting.
        InvalidOperationException { InnerException: FormatException or OverflowException or ArgumentException } i
            when i.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => i.Message.TrimEnd('.'),
        AggregateException a when a.InnerExceptions.Count == 1 => Reason(a.InnerException!),
        _ => null,
    };

    /// <summary>
    /// DataAnnotations wraps each message in "... with the error: '...'."; the operator needs only the message, with its own
    /// quotes ("must be 'id' or 'en'") kept: only the wrapper's closing "'." goes.
    /// </summary>
    private static string Plain(string failure)
    {
        const string Marker = "with the error: '";
        const string End = "'.";
        var at = failure.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return failure;
        }

        var message = failure[(at + Marker.Length)..];
        return message.EndsWith(End, StringComparison.Ordinal) ? message[..^End.Length] : message;
    }
}
