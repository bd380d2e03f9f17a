// Not ".Sandbox": that would hide the Microtask.Sandbox namespace from the other tests, which say Sandbox.ChatMessage.
namespace Microtask.Bot.Tests.WebChat;

/// <summary>
/// A test that needs Debian's chromium. CI installs it (scripts/test.sh, because tests/.browser-tests exists);
/// on a developer machine without it the test is skipped and says why — unless MICROTASK_BROWSER_TESTS=1 asks
/// for browser tests, in which case it runs and fails.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium) && Environment.GetEnvironmentVariable("MICROTASK_BROWSER_TESTS") != "1")
        {
            Skip = $"browser test: {Chromium} is missing; install it with `apt-get install --no-install-recommends chromium` " +
                "(scripts/test.sh does when tests/.browser-tests exists)";
        }
    }
}
