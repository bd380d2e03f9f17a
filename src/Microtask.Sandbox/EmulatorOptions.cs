namespace Microtask.Sandbox;

/// <summary>How a <see cref="BotApiEmulator"/> presents itself.</summary>
public sealed record EmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The only token the emulator accepts; its leading digits are the bot's user id.</summary>
    public string Token { get; init; } = "7000000001:SANDBOX-local-bot-token-aaaaaaaaaaaa";

    public string BotUsername { get; init; } = "microtask_sandbox_bot";

    public string BotFirstName { get; init; } = "Microtask Sandbox";

    /// <summary>
    /// A file (SQLite) that keeps users, chats, message and update ids, files and command menus across restarts, so the
    /// emulator resumes where it stopped; created when missing. Null keeps everything in memory, as tests want.
    /// </summary>
    public string? StatePath { get; init; }

    /// <summary>
    /// Accept any certificate when fetching a file the bot names by an https URL, as a test's own local server with a
    /// self-signed one needs. Off by default: Telegram trusts only real certificates.
    /// </summary>
    public bool AcceptAnyCertificate { get; init; }

    /// <summary>How long fetching a file the bot names by URL may take before the call is refused as Telegram refuses it.</summary>
    public TimeSpan UrlTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
