using Microsoft.AspNetCore.Builder;
using Microtask.Sandbox.Hosting;
using Microtask.Sandbox.State;

namespace Microtask.Sandbox;

/// <summary>
/// A local Telegram Bot API server for tests and the sandbox: the real Telegram.Bot client talks to it
/// over HTTP at <see cref="BaseUrl"/>, while tests play users through this class (or the same
/// operations over HTTP under /sandbox/api). Thread-safe.
/// </summary>
public sealed partial class BotApiEmulator : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);
    private readonly EmulatorState state;
    private WebApplication? app;

    private BotApiEmulator(EmulatorState state) => this.state = state;

    internal EmulatorState State => this.state;

    /// <summary>Starts the server on 127.0.0.1 (a free port unless <see cref="EmulatorOptions.Port"/> is set).</summary>
    public static Task<BotApiEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken ct = default) =>
        StartAsync(options ?? new EmulatorOptions(), TimeProvider.System, ct);

    /// <summary>With a clock of the test's choosing: message dates and rate limits follow it.</summary>
    internal static async Task<BotApiEmulator> StartAsync(EmulatorOptions options, TimeProvider time, CancellationToken ct)
    {
        var emulator = new BotApiEmulator(new EmulatorState(options, time));
        var (app, baseUrl) = await EmulatorHost.StartAsync(emulator, emulator.state, ct);
        emulator.app = app;
        emulator.BaseUrl = baseUrl;
        return emulator;
    }

    /// <summary>Root of the server, e.g. http://127.0.0.1:41234/; clients call BaseUrl + "bot&lt;token&gt;/&lt;method&gt;".</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public string Token => this.state.Options.Token;

    public long BotId => this.state.BotId;

    /// <summary>Injected errors, blocks, latency and rate limits.</summary>
    public FaultInjector Faults => this.state.Faults;

    /// <summary>Every Bot API call that was refused, in order.</summary>
    public IReadOnlyList<RefusedCall> Refused => this.state.Log.Refused;

    /// <summary>How many calls of a Bot API method arrived as requests (case-insensitive name), refused ones included.</summary>
    public long RequestCount(string method) => this.state.Log.Requests(method);

    /// <summary>How many files the bot's calls gave in this way (each item of an album counts), refused calls included.</summary>
    public long FilesGiven(FileSource source) => this.state.Log.Files(source);

    /// <summary>How many calls of a method the bot made in its answers to webhook POSTs, refused ones included.</summary>
    public long WebhookReplyCount(string method) => this.state.Log.WebhookReplies(method);

    /// <summary>Raised on every new, edited or deleted message and every callback answer, on the thread that caused it.</summary>
    public event Action<SandboxEvent>? Changed
    {
        add => this.state.Changed += value;
        remove => this.state.Changed -= value;
    }

    /// <summary>How setWebhook registrations combine; see <see cref="Sandbox.WebhookMode"/>. Set it before the bot registers.</summary>
    public WebhookMode WebhookMode
    {
        get => this.state.Webhook.Mode;
        set => this.state.Webhook.Mode = value;
    }

    /// <summary>The registered webhook URLs; empty while the bot polls.</summary>
    public IReadOnlyList<Uri> WebhookUrls => this.state.Webhook.Target?.Urls ?? [];

    /// <summary>
    /// A new user; their private chat has the same id. Ids start at 100001. The bot can write to the
    /// user only after the user wrote to the bot (before that: "chat not found").
    /// </summary>
    public SandboxUser CreateUser(string firstName, string? languageCode = "en", string? username = null) =>
        this.state.Chats.CreateUser(firstName, languageCode, username);

    public IReadOnlyList<SandboxUser> Users => this.state.Chats.Users;

    /// <summary>The command menu a private chat in this language shows (exact language; null = the default menu).</summary>
    public IReadOnlyList<BotCommandInfo> Commands(string? languageCode = null) => this.state.Commands.ForPrivateChats(languageCode);

    /// <summary>
    /// The menu this user sees in their chat with the bot, in Telegram's order: the list set for their chat, then for all
    /// private chats, then the default one, each in the user's language first.
    /// </summary>
    public IReadOnlyList<BotCommandInfo> CommandsFor(long userId) =>
        this.state.Commands.ForChat(userId, this.state.Chats.Get(userId).User.LanguageCode);

    public async ValueTask DisposeAsync()
    {
        this.state.Stop();
        if (this.app is not null)
        {
            await this.app.StopAsync();
            await this.app.DisposeAsync();
        }
        this.state.Dispose();
    }
}
