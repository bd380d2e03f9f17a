namespace Microtask.Storage.Tests;

/// <summary>
/// A test class whose every test gets a <see cref="Tests.Backend"/> of its own on <paramref name="kind"/> ("Sqlite" or
/// "Postgres"), on a fresh database, disposed after the test. A class that tests both engines is abstract with a kind
/// parameter, and its two sealed subclasses name the engine.
/// </summary>
public abstract class BackendTest(string kind) : IAsyncLifetime
{
    protected Backend Backend { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Backend = await Backend.CreateAsync(kind);
        await StartedAsync();
    }

    /// <summary>What each test of the class starts from once its backend is up.</summary>
    protected virtual Task StartedAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Backend.DisposeAsync();
}
