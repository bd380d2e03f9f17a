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
}
