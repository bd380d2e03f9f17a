using Telegram.Bot;
using Telegram.Bot.Types;

namespace Microtask.Sandbox.Tests;

/// <summary>Base for tests: a fresh emulator per test and a real Telegram.Bot client pointed at it.</summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    private BotApiEmulator? emulator;

    /// <summary>A file as a bot uploads it, from bytes.</summary>
    protected static InputFileStream Upload(byte[] content, string name) => InputFile.FromStream(new MemoryStream(content), name);

    protected BotApiEmulator Emulator => this.emulator ?? throw new InvalidOperationException("not started");

    protected HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    protected TelegramBotClient Bot { get; private set; } = null!;

    /// <summary>The emulator's clock; tests of time-based limits replace it with a fake one.</summary>
    protected virtual TimeProvider Time => TimeProvider.System;

    public async Task InitializeAsync()
    {
        this.emulator = await BotApiEmulator.StartAsync(new EmulatorOptions(), Time, CancellationToken.None);
        // RetryThreshold 0: Telegram.Bot would otherwise silently retry 429s, hiding what the emulator answered.
        Bot = new TelegramBotClient(new TelegramBotClientOptions(Emulator.Token, Emulator.BaseUrl.ToString()) { RetryThreshold = 0 }, Http);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (this.emulator is not null) await this.emulator.DisposeAsync();
    }

    /// <summary>A user who has written /start, so the bot may write to them.</summary>
    protected SandboxUser StartedUser(string name = "Ayu", string? language = "id")
    {
        var user = Emulator.CreateUser(name, language);
        Emulator.SendText(user.Id, "/start");
        return user;
    }

    /// <summary>Reads the pending updates and confirms them, as a polling bot does.</summary>
    protected async Task<Update[]> DrainAsync()
    {
        var updates = await Bot.GetUpdates(timeout: 0);
        if (updates.Length > 0) await Bot.GetUpdates(offset: updates[^1].Id + 1, timeout: 0);
        return updates;
    }

    protected Uri MethodUrl(string method, string? token = null) => new($"{Emulator.BaseUrl}bot{token ?? Emulator.Token}/{method}");
}
