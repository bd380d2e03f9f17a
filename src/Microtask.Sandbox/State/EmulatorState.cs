using System.Globalization;
using Microtask.Sandbox.Webhooks;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.State;

/// <summary>Everything the Bot API side and the control side share.</summary>
internal sealed class EmulatorState : IDisposable
{
    private readonly StateFile? file;

    public EmulatorState(EmulatorOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        var idPart = options.Token.Split(':')[0];
        BotId = long.TryParse(idPart, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ArgumentException("The token must start with the bot's numeric id, as '123:secret'.", nameof(options));
        BotUser = new WireUser(BotId, true, options.BotFirstName, options.BotUsername);
        this.file = options.StatePath is { } path ? StateFile.Open(path) : null;
        Chats = new ChatStore(this.file);
        Updates = new UpdateQueue(this.file);
        Files = new FileStore(this.file, BotId);
        Urls = new UrlFetcher(options);
        Callbacks = new CallbackStore(this.file);
        Commands = new CommandStore(this.file);
        Faults = new FaultInjector(time);
        Webhook = new WebhookPusher(Updates, time, (reply, ct) => Api.BotApiEndpoint.RunWebhookReplyAsync(this, reply, ct));
    }

    public EmulatorOptions Options { get; }
    public TimeProvider Time { get; }
    public long BotId { get; }
    public WireUser BotUser { get; }
    public ChatStore Chats { get; }
    public UpdateQueue Updates { get; }
    public FileStore Files { get; }
    public UrlFetcher Urls { get; }
    public CallbackStore Callbacks { get; }
    public CommandStore Commands { get; }
    public CallLog Log { get; } = new();
    public FaultInjector Faults { get; }
    public WebhookPusher Webhook { get; }

    public event Action<SandboxEvent>? Changed;

    /// <summary>Now, truncated to whole seconds like Telegram's unix dates.</summary>
    public DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(Time.GetUtcNow().ToUnixTimeSeconds());

    public void Raise(SandboxEvent change)
    {
        var handlers = Changed;
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action<SandboxEvent>>())
        {
            // A broken subscriber (say, a closed SSE stream) must not fail the bot's request.
            try { handler(change); }
            catch (Exception) { }
        }
    }

    /// <summary>Ends parked long polls and webhook deliveries, before the server stops.</summary>
    public void Stop()
    {
        Updates.Shutdown();
        Webhook.Dispose();
    }

    /// <summary>Closes the state file, once the server has stopped and nothing changes any more.</summary>
    public void Dispose()
    {
        Urls.Dispose();
        this.file?.Dispose();
    }
}
