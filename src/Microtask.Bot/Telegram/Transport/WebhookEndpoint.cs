using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using global::Telegram.Bot;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microtask.Bot.Telegram.Sending;

namespace Microtask.Bot.Telegram.Transport;

/// <summary>
/// Webhook mode: Telegram posts each update here with the secret it was given. A wrong or missing secret gets
/// 401 and nothing is handled; a body over <see cref="MaxBodyBytes"/> gets 413 unread. Anything else gets 200 once
/// handled, which is Telegram's confirmation (for a button press with its answer as the body) — a malformed update
/// too: Telegram redelivers on any other status, and a body that does not parse today will not parse tomorrow.
/// Warnings name what was wrong, never the body.
/// </summary>
internal static class WebhookEndpoint
{
    public const string Path = "/telegram/webhook";
    private const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>A real update stays far below this (4096-character texts and captions, plus the quoted message).</summary>
    public const long MaxBodyBytes = 2 * 1024 * 1024;

    public static void MapTelegramWebhook(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TelegramOptions>>().Value.Mode != TransportMode.Webhook)
        {
            return;
        }

        app.MapPost(Path, async (HttpRequest request, UpdateDispatcher dispatcher, Sender sender, IOptions<TelegramOptions> options, ILoggerFactory logs) =>
        {
            var log = logs.CreateLogger(nameof(WebhookEndpoint));
            if (!SecretMatches(request.Headers[SecretHeader].ToString(), options.Value.WebhookSecret!))
            {
                log.LogWarning("Webhook call with a missing or wrong secret refused");
                return Results.Unauthorized();
            }

            if (request.ContentLength > MaxBodyBytes)
            {
                log.LogWarning("Webhook body of {Bytes} bytes refused (limit {Limit})", request.ContentLength, MaxBodyBytes);
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            // A chunked body has no length up front: Kestrel stops it at the limit while it is read.
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = MaxBodyBytes;
            }

            Update? update;
            try
            {
                update = await JsonSerializer.DeserializeAsync<Update>(request.Body, JsonBotAPI.Options, request.HttpContext.RequestAborted);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                log.LogWarning("Webhook body over {Limit} bytes refused", MaxBodyBytes);
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }
            catch (Exception e) when (e is not OperationCanceledException and not BadHttpRequestException)
            {
                // JsonException for most garbage; Telegram.Bot's converters throw others (unknown enum values, bad formats).
                log.LogWarning("Malformed update confirmed and dropped: {Error} at {JsonPath}", e.GetType().Name, (e as JsonException)?.Path);
                return Results.Ok();
            }

            if (update is null)
            {
                log.LogWarning("Malformed update confirmed and dropped: empty body");
                return Results.Ok();
            }

            // A button press is answered in the reply itself (Telegram runs a method given there): no call of its own.
            // The dispatcher confirms and drops an update of a malformed shape.
            return await dispatcher.HandleAsync(update, CancellationToken.None) is { } answer
                ? Results.Json(sender.InWebhookReply(answer))
                : Results.Ok();
        });
    }

    private static bool SecretMatches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}

/// <summary>Registers the webhook with Telegram at start, with the secret and the update kinds the bot handles.</summary>
internal sealed class WebhookRegistration(ITelegramBotClient bot, IOptions<TelegramOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => bot.SetWebhook(
        options.Value.WebhookUrl!,
        secretToken: options.Value.WebhookSecret,
        maxConnections: options.Value.WebhookMaxConnections,
        allowedUpdates: [UpdateType.Message, UpdateType.CallbackQuery],
        cancellationToken: ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
