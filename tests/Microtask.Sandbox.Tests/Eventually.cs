namespace Microtask.Sandbox.Tests;

/// <summary>For the few states with no event to await: checks often, gives up after a deadline.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not become true in time.");
            await Task.Delay(5);
        }
    }
}
