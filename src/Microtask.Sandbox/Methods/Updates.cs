using Microtask.Sandbox.Api;

namespace Microtask.Sandbox.Methods;

internal static class Updates
{
    public static async ValueTask<object> GetUpdates(MethodContext c)
    {
        if (c.State.Webhook.Target is not null)
            throw new BotApiException(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        var offset = c.Args.Long("offset") ?? 0;
        var limit = (int)Math.Clamp(c.Args.Long("limit") ?? 100, 1, 100);
        var timeout = TimeSpan.FromSeconds(Math.Max(0, c.Args.Long("timeout") ?? 0));
        var entries = await c.State.Updates.PollAsync(offset, limit, timeout, c.Aborted);
        return new RawJsonArray(entries.Select(e => e.Json).ToArray());
    }
}
