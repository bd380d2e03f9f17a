using Microtask.Bot.Shared;
using Microtask.Bot.Telegram;
using Microtask.Sandbox;

namespace Microtask.Bot.Hosting;

/// <summary>
/// With no bot token configured, the bot talks to a local Bot API emulator started in the same process,
/// with a few sandbox users ready to chat as.
/// </summary>
internal sealed class SandboxSession(BotApiEmulator emulator)
{
    public BotApiEmulator Emulator { get; } = emulator;

    public static async Task<SandboxSession?> StartIfNeededAsync(WebApplicationBuilder builder)
    {
        var telegram = builder.Configuration.GetSection("Telegram").Get<TelegramOptions>() ?? new();
        if (!telegram.IsSandbox)
        {
            return null;
        }

        // Read before the settings are checked: the emulator starts while the host is being built.
        var port = builder.Configuration.GetValue("Microtask:Sandbox:Port", 5080);
        if (port is < 0 or > 65535)
        {
            throw new StartupException("Microtask:Sandbox:Port must be between 0 and 65535");
        }

        // The sandbox's users, chats and ids live beside the bot's data, so that a restart resumes both together.
        var statePath = Path.ChangeExtension(builder.Configuration.GetValue("Microtask:SqlitePath", "data/microtask.db"), ".sandbox.db");
        BotApiEmulator emulator;
        try
        {
            emulator = await BotApiEmulator.StartAsync(new EmulatorOptions { Port = port, StatePath = statePath });
        }
        catch (InvalidDataException e)
        {
            throw new StartupException($"the sandbox cannot read its state ({e.Message}); move {statePath} away to start the sandbox afresh", e);
        }
        catch (IOException e)
        {
            throw new StartupException($"the sandbox cannot listen on 127.0.0.1:{port} ({e.Message}); set Microtask__Sandbox__Port to a free port", e);
        }

        SandboxUser Seed(string name, string language, string username) =>
            emulator.Users.FirstOrDefault(u => u.Username == username) ?? emulator.CreateUser(name, language, username);
        Seed("Sari", "id", "sari");
        Seed("Alex", "en", "alex");
        var requester = Seed("Rini", "id", "rini_requester");
        var admin = Seed("Ade", "id", "ade_admin");
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = emulator.Token,
            ["Telegram:ApiBaseUrl"] = emulator.BaseUrl.ToString(),
            ["Telegram:Mode"] = nameof(TransportMode.Polling),
        };
        if (builder.Configuration.GetSection("Microtask:Requesters").Get<long[]>() is not { Length: > 0 })
        {
            settings["Microtask:Requesters:0"] = requester.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // An admin from the start, so every role can be tried in the web chat; only here, never with a real token.
        if (builder.Configuration.GetSection("Microtask:Admins:Owners").Get<long[]>() is not { Length: > 0 })
        {
            settings["Microtask:Admins:Owners:0"] = admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // A webhook receiver tried beside the sandbox listens on this machine, without TLS; never so with a real token.
        if (builder.Configuration["Microtask:Api:Webhooks:AllowLoopback"] is null)
        {
            settings["Microtask:Api:Webhooks:AllowLoopback"] = "true";
        }

        builder.Configuration.AddInMemoryCollection(settings);
        var session = new SandboxSession(emulator);
        builder.Services.AddSingleton(session);
        builder.Services.AddSingleton(emulator);
        return session;
    }

    public void Attach(WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Sandbox");
        app.Lifetime.ApplicationStarted.Register(() => log.LogInformation(
            "Sandbox: the bot is talking to a local Bot API at {Url}. Open the web chat at {Url} to chat as any sandbox user, or " +
            "curl -s -XPOST {Url}sandbox/api/users/{UserId}/messages -H 'Content-Type: application/json' -d '{{\"text\":\"/start\"}}' " +
            "then read the chat: curl -s {Url}sandbox/api/chats/{UserId}/transcript (see README)",
            Emulator.BaseUrl, Emulator.BaseUrl, Emulator.BaseUrl, Emulator.Users[0].Id, Emulator.BaseUrl, Emulator.Users[0].Id));
        app.Lifetime.ApplicationStarted.Register(() => FundRequestersAsync(app.Services).GetAwaiter().GetResult());
        app.Lifetime.ApplicationStopped.Register(() => Emulator.DisposeAsync().AsTask().GetAwaiter().GetResult());
    }

    /// <summary>
    /// Project budgets come from the requester's account, which admins top up; the sandbox's requesters start with
    /// one top-up (once: an account that ever moved is left alone) so that /newproject works out of the box.
    /// </summary>
    private async Task FundRequestersAsync(IServiceProvider services)
    {
        const long StartingTopup = 1_000_000;
        var requesters = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MicrotaskOptions>>().Value.Requesters;
        var workers = services.GetRequiredService<Storage.WorkerStore>();
        var ledger = services.GetRequiredService<Storage.LedgerStore>();
        foreach (var user in Emulator.Users.Where(u => requesters.Contains(u.Id)))
        {
            var worker = await workers.EnsureAsync(user.Id, user.FirstName, user.LanguageCode ?? "id");
            if (!await ledger.HasMovedAsync(Storage.LedgerAccounts.Requester(worker.Id)))
            {
                await ledger.TopupAsync(worker.Id, StartingTopup);
            }
        }
    }
}
