using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using Microtask.Bot.Shared;

namespace Microtask.Bot.Telegram;

/// <summary>
/// Asks Telegram who the bot is before anything else talks to it: a revoked or mistyped token stops the bot with
/// one line instead of a polling loop that fails forever. An unreachable Bot API only warns: polling retries.
/// </summary>
internal sealed class TelegramStartup(ITelegramBotClient bot, ILogger<TelegramStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            var me = await bot.GetMe(ct);
            log.LogInformation("Connected to the Bot API as @{Username}", me.Username);
        }
        catch (ApiRequestException e) when (e.ErrorCode is 401 or 404)
        {
            throw new StartupException($"the Bot API refused the bot token ({e.ErrorCode} {e.Message}); check Telegram:BotToken", e);
        }
        catch (Exception e) when (e is RequestException or HttpRequestException or TaskCanceledException)
        {
            log.LogWarning("The Bot API is not reachable yet ({Error}); the bot will keep trying", e.Message);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
