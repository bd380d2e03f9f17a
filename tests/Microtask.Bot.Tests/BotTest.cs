namespace Microtask.Bot.Tests;

/// <summary>
/// A test class whose every test gets a bot of its own on <paramref name="backend"/> ("Embedded" or "Postgres"),
/// started with <paramref name="settings"/> before the test and stopped after it. A class that tests both backends is
/// abstract with a backend parameter, and its two sealed subclasses name the backend.
/// </summary>
/// <param name="realTime">Run on the system clock instead of the test's, for tests of the real Hangfire server's timing.</param>
public abstract class BotTest(string backend, IDictionary<string, string?>? settings = null, bool realTime = false) : IAsyncLifetime
{
    protected string Backend => backend;

    protected BotHarness Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Bot = await BotHarness.StartAsync(backend, settings, realTime);
        await StartedAsync();
    }

    /// <summary>What each test of the class starts from once its bot is up: the users who are there from the start.</summary>
    protected virtual Task StartedAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await Bot.DisposeAsync();
}
