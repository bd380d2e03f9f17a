using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using global::Telegram.Bot;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;

namespace Microtask.Bot.Telegram;

/// <summary>
/// Webhook mode: Telegram posts each update here with the secret it was given. A wrong or missing secret gets
/// 401 and nothing is handled; a handled update gets 200, which is Telegram's confirmation.
/// </summary>
internal static class WebhookEndpoint
{
    public const string Path = "/telegram/webhook";
    private const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    public static void MapTelegramWebhook(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TelegramOptions>>().Value.Mode != TransportMode.Webhook)
        {
            return;
        }

        app.MapPost(Path, async (HttpRequest request, UpdateDispatcher dispatcher, IOptions<TelegramOptions> options, ILoggerFactory logs) =>
        {
            if (!SecretMatches(request.Headers[SecretHeader].ToString(), options.Value.WebhookSecret!))
            {
                return Results.Unauthorized();
            }

            Update? update;
            try
            {
                update = await JsonSerializer.DeserializeAsync<Update>(request.Body, JsonBotAPI.Options, request.HttpContext.RequestAborted);
            }
            catch (JsonException e)
            {
                logs.CreateLogger(nameof(WebhookEndpoint)).LogWarning("Malformed update refused: {Error}", e.Message);
                return Results.BadRequest();
            }

            if (update is not null)
            {
                await dispatcher.HandleAsync(update, CancellationToken.None);
            }

            return Results.Ok();
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
        allowedUpdates: [UpdateType.Message, UpdateType.CallbackQuery],
        cancellationToken: ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
