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

    private readonly Dictionary<long, Lane> _lanes = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _connections = new(target.MaxConnections);
    private long _next;

    public WebhookTarget Target { get; } = target;

    /// <summary>Queues an update on its chat's lane; cheap, called under the update queue's lock.</summary>
    public void Dispatch(UpdateEntry entry)
    {
        if (_stop.IsCancellationRequested) return;
        Lane lane;
        lock (_lanes)
        {
            if (!_lanes.TryGetValue(entry.ChatId, out var existing)) _lanes[entry.ChatId] = existing = new Lane(entry.ChatId);
            lane = existing;
            lane.Entries.Enqueue(entry);
            if (lane.Running) return;
            lane.Running = true;
        }
        _ = Task.Run(() => DrainAsync(lane));
    }

    public void Stop() => _stop.Cancel();

    private async Task DrainAsync(Lane lane)
    {
        while (!_stop.IsCancellationRequested)
        {
            UpdateEntry entry;
            lock (_lanes)
            {
                if (lane.Entries.Count == 0)
                {
                    lane.Running = false;
                    _lanes.Remove(lane.ChatId);
                    return;
                }
                entry = lane.Entries.Peek();
            }
            await DeliverAsync(entry);
            lock (_lanes) lane.Entries.Dequeue();
        }
    }

    /// <summary>POSTs until a 2xx (then the update is confirmed) or until this webhook is replaced or deleted.</summary>
    private async Task DeliverAsync(UpdateEntry entry)
    {
        var backoff = FirstBackoff;
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested && !entry.IsDone)
        {
            string error;
            try
            {
                await _connections.WaitAsync(ct);
                try
                {
                    error = await PostAsync(entry, ct);
                }
                finally
                {
                    _connections.Release();
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
        var url = Target.Urls[(int)(Interlocked.Increment(ref _next) % Target.Urls.Count)];
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
