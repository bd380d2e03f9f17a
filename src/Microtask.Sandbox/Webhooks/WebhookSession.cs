using System.Text;
using System.Text.Json;
using Microtask.Sandbox.State;

namespace Microtask.Sandbox.Webhooks;

internal sealed record WebhookTarget(IReadOnlyList<Uri> Urls, string? SecretToken, int MaxConnections, IReadOnlyList<string>? AllowedUpdates);

/// <summary>
/// Delivery for one setWebhook: one lane per chat so a chat's updates arrive in order (a failing
/// update holds back only its own chat), different chats in parallel up to max_connections. A method in the
/// bot's 2xx answer is run before the update counts as delivered, as Telegram runs it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Its SemaphoreSlim and CancellationTokenSource hold no OS handle; left to the collector, a late caller never meets a disposed one.")]
internal sealed class WebhookSession(
    WebhookTarget target, HttpClient http, UpdateQueue queue, Action<string> onError, Func<JsonElement, CancellationToken, Task> onReply)
{
    private sealed class Lane(long chatId)
    {
        public long ChatId { get; } = chatId;
        public Queue<UpdateEntry> Entries { get; } = new();
        public bool Running { get; set; }
    }

    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    private readonly Dictionary<long, Lane> lanes = [];
    private readonly CancellationTokenSource stop = new();
    private readonly SemaphoreSlim connections = new(target.MaxConnections);
    private long next;

    public WebhookTarget Target { get; } = target;

    /// <summary>Queues an update on its chat's lane; cheap, called under the update queue's lock.</summary>
    public void Dispatch(UpdateEntry entry)
    {
        if (stop.IsCancellationRequested) return;
        Lane lane;
        lock (lanes)
        {
            if (!lanes.TryGetValue(entry.ChatId, out var existing)) lanes[entry.ChatId] = existing = new Lane(entry.ChatId);
            lane = existing;
            lane.Entries.Enqueue(entry);
            if (lane.Running) return;
            lane.Running = true;
        }
        _ = Task.Run(() => DrainAsync(lane));
    }

    public void Stop() => stop.Cancel();

    private async Task DrainAsync(Lane lane)
    {
        while (!stop.IsCancellationRequested)
        {
            UpdateEntry entry;
            lock (lanes)
            {
                if (lane.Entries.Count == 0)
                {
                    lane.Running = false;
                    lanes.Remove(lane.ChatId);
                    return;
                }
                entry = lane.Entries.Peek();
            }
            await DeliverAsync(entry);
            lock (lanes) lane.Entries.Dequeue();
        }
    }

    /// <summary>POSTs until a 2xx (then the update is confirmed) or until this webhook is replaced or deleted.</summary>
    private async Task DeliverAsync(UpdateEntry entry)
    {
        var backoff = FirstBackoff;
        var ct = stop.Token;
        while (!ct.IsCancellationRequested && !entry.IsDone)
        {
            string error;
            try
            {
                await connections.WaitAsync(ct);
                try
                {
                    error = await PostAsync(entry, ct);
                }
                finally
                {
                    connections.Release();
                }
                if (error.Length == 0)
                {
                    queue.Confirm(entry);
                    return;
                }
                onError(error);
                await Task.Delay(backoff, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
        }
    }

    /// <summary>One attempt; the error in getWebhookInfo's words, or "" on success.</summary>
    private async Task<string> PostAsync(UpdateEntry entry, CancellationToken ct)
    {
        var url = Target.Urls[(int)(Interlocked.Increment(ref next) % Target.Urls.Count)];
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(entry.Json, Encoding.UTF8, "application/json"),
        };
        if (Target.SecretToken is { } secret) request.Headers.Add(SecretHeader, secret);
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode) return $"Wrong response from the webhook: {(int)response.StatusCode} {response.ReasonPhrase}";
            if (response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                await RunReplyAsync(response, ct);
            }
            return "";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return "Read timeout expired";
        }
    }

    /// <summary>The update is delivered whatever the body holds: a body that is not JSON runs nothing.</summary>
    private async Task RunReplyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        }
        catch (JsonException)
        {
            return;
        }
        using (body) await onReply(body.RootElement, ct);
    }
}
