using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microtask.Sandbox.Methods;
using Microtask.Sandbox.State;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.Api;

/// <summary>/bot&lt;token&gt;/&lt;method&gt; and /file/bot&lt;token&gt;/&lt;path&gt;: token check, faults, dispatch, and the ok/error envelope.</summary>
internal static class BotApiEndpoint
{
    public static async Task HandleAsync(HttpContext http, EmulatorState state, string? token, string method)
    {
        var name = method;
        long? chatId = null;
        try
        {
            if (token is null) throw new BotApiException(404, "Not Found");
            if (!string.Equals(token, state.Options.Token, StringComparison.Ordinal)) throw new BotApiException(401, "Unauthorized");
            if (!MethodTable.TryGet(method, out var canonical, out var handler)) throw new BotApiException(404, "Not Found");
            name = canonical;
            state.Log.Count(name);
            var args = await ReadArgsAsync(http);
            chatId = ChatOf(state, args);
            if (state.Faults.Delay is { Ticks: > 0 } delay) await Task.Delay(delay, http.RequestAborted);
            if (state.Faults.TakeHang(name, chatId) is { } hold) await Task.Delay(hold, http.RequestAborted);
            state.Faults.Check(name, chatId);
            var result = await handler(new MethodContext(state, args, http.RequestAborted));
            await WriteResultAsync(http, result);
        }
        catch (BotApiException refusal)
        {
            Refuse(state, name, chatId, refusal);
            await WriteErrorAsync(http, refusal);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away (for example a long poll it gave up on); nobody to answer.
        }
        catch (Exception ex)
        {
            // An emulator bug must still look like a Telegram answer, not an empty 500.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BotApiEndpoint))
                .LogError(ex, "Bot API method {Method} failed inside the emulator", name);
            var failure = new BotApiException(500, "Internal Server Error");
            Refuse(state, name, chatId, failure);
            await WriteErrorAsync(http, failure);
        }
    }

    /// <summary>
    /// A method the bot put into its answer to a webhook POST (<c>{"method": "answerCallbackQuery", ...}</c>), which
    /// Telegram runs as if called: counted and checked against the faults like a call, but its result and any refusal
    /// reach nobody (a refusal is only logged, for tests). A body without a known method is ignored, as Telegram does.
    /// </summary>
    public static async Task RunWebhookReplyAsync(EmulatorState state, JsonElement body, CancellationToken ct)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String
            || !MethodTable.TryGet(method.GetString()!, out var name, out var handler))
            return;
        var args = new ApiArgs();
        RequestReader.AddJson(body, args);
        var chatId = ChatOf(state, args);
        state.Log.CountWebhookReply(name);
        try
        {
            state.Faults.Check(name, chatId);
            await handler(new MethodContext(state, args, ct));
        }
        catch (BotApiException refusal)
        {
            Refuse(state, name, chatId, refusal);
        }
    }

    private static void Refuse(EmulatorState state, string name, long? chatId, BotApiException refusal) =>
        state.Log.Refuse(new RefusedCall(name, chatId, refusal.ErrorCode, refusal.Description, state.Time.GetUtcNow()));

    private static long? ChatOf(EmulatorState state, ApiArgs args) =>
        args.ChatIdOrNull() ?? (args.String("callback_query_id") is { } q ? state.Callbacks.UserOf(q) : null);

    public static async Task DownloadAsync(HttpContext http, EmulatorState state, string? token, string path)
    {
        if (!string.Equals(token, state.Options.Token, StringComparison.Ordinal))
        {
            await WriteErrorAsync(http, new BotApiException(401, "Unauthorized"));
            return;
        }
        if (state.Files.FindByPath(path) is not { } file)
        {
            await WriteErrorAsync(http, new BotApiException(404, "Not Found"));
            return;
        }
        http.Response.ContentType = "application/octet-stream";
        http.Response.ContentLength = file.Content.LongLength;
        await http.Response.Body.WriteAsync(file.Content, http.RequestAborted);
    }

    private static async Task<ApiArgs> ReadArgsAsync(HttpContext http)
    {
        try
        {
            return await RequestReader.ReadAsync(http.Request, http.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new BotApiException(413, "Request Entity Too Large");
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException && !http.RequestAborted.IsCancellationRequested)
        {
            throw BotApiException.BadRequest("can't parse request");
        }
    }

    private static async Task WriteResultAsync(HttpContext http, object result)
    {
        http.Response.ContentType = "application/json";
        await using (var writer = new Utf8JsonWriter(http.Response.BodyWriter, new JsonWriterOptions { Encoder = WireJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("ok", true);
            writer.WritePropertyName("result");
            if (result is RawJsonArray raw)
            {
                writer.WriteStartArray();
                foreach (var item in raw.Items) writer.WriteRawValue(item, skipInputValidation: true);
                writer.WriteEndArray();
            }
            else
            {
                JsonSerializer.Serialize(writer, result, result.GetType(), WireJson.Options);
            }
            writer.WriteEndObject();
        }
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    private static async Task WriteErrorAsync(HttpContext http, BotApiException refusal)
    {
        if (http.Response.HasStarted) return;
        http.Response.StatusCode = refusal.ErrorCode;
        http.Response.ContentType = "application/json";
        var parameters = refusal.RetryAfter is { } retry ? new WireResponseParameters(retry) : null;
        await http.Response.WriteAsync(WireJson.Serialize(new WireError(false, refusal.ErrorCode, refusal.Description, parameters)), http.RequestAborted);
    }
}
