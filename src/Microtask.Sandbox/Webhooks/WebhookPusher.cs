using System.Text.Json;
using Microtask.Sandbox.State;

namespace Microtask.Sandbox.Webhooks;

/// <summary>The webhook registration (setWebhook / deleteWebhook) and its delivery session.</summary>
internal sealed class WebhookPusher(UpdateQueue queue, TimeProvider time, Func<JsonElement, CancellationToken, Task> onReply) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };
    private readonly object gate = new();
    private WebhookSession? session;

    public WebhookMode Mode { get; set; } = WebhookMode.Single;

    public WebhookTarget? Target => Volatile.Read(ref this.session)?.Target;

    public DateTimeOffset? LastErrorDate { get; private set; }

    public string? LastErrorMessage { get; private set; }

    public void Set(Uri url, string? secretToken, int maxConnections, IReadOnlyList<string>? allowedUpdates)
    {
        lock (gate)
        {
            var old = this.session;
            IReadOnlyList<Uri> urls = Mode == WebhookMode.RoundRobin && old is not null && !old.Target.Urls.Contains(url)
                ? [.. old.Target.Urls, url]
                : Mode == WebhookMode.RoundRobin && old is not null ? old.Target.Urls : [url];
            var session = new WebhookSession(new WebhookTarget(urls, secretToken, maxConnections, allowedUpdates), http, queue, RecordError, onReply);
            this.session = session;
            LastErrorDate = null;
            LastErrorMessage = null;
            old?.Stop();
            queue.SetListener(session.Dispatch);
        }
    }

    public void Delete()
    {
        WebhookSession? old;
        lock (gate)
        {
            old = this.session;
            this.session = null;
            queue.SetListener(null);
        }
        old?.Stop();
    }

    public void Dispose()
    {
        Delete();
        http.Dispose();
    }

    private void RecordError(string message)
    {
        lock (gate)
        {
            LastErrorDate = time.GetUtcNow();
            LastErrorMessage = message;
        }
    }
}
