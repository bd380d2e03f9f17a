using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types.Enums;

namespace Microtask.Bot.Telegram;

/// <summary>
/// Long polling that confirms an update only after it was handled: the offset moves past a batch once the
/// whole batch is done (Telegram.Bot's ReceiveAsync confirms first, which would lose updates on a crash).
/// </summary>
internal sealed class PollingReceiver(
    ITelegramBotClient bot, UpdateDispatcher dispatcher, IOptions<TelegramOptions> options, ILogger<PollingReceiver> log) : BackgroundService
{
    private static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int? offset = null;
        var webhookCleared = false;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!webhookCleared)
                {
                    // A webhook left by webhook mode would make every getUpdates fail with 409.
                    await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: stoppingToken);
                    webhookCleared = true;
                }

                var updates = await bot.GetUpdates(offset, limit: 100, timeout: options.Value.PollingTimeoutSeconds, allowedUpdates: Wanted, cancellationToken: stoppingToken);
                failures = 0;
                if (updates.Length == 0)
                {
                    continue;
                }

                // In-flight updates finish even when shutdown begins: the host waits for this method.
                await dispatcher.DispatchBatchAsync(updates, CancellationToken.None);
                offset = updates[^1].Id + 1;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (ApiRequestException e) when (e.ErrorCode == 409)
            {
                log.LogError("Another bot instance is polling with this token, or a webhook is set ({Error}); polling again shortly", e.Message);
                await Pause(++failures, stoppingToken);
            }
            catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException or TaskCanceledException)
            {
                log.LogWarning("Polling failed: {Error}", e.Message);
                await Pause(++failures, stoppingToken);
            }
        }

        await ConfirmAsync(offset);
    }

    /// <summary>Tells Telegram the last batch is done, so it is not redelivered after a clean shutdown.</summary>
    private async Task ConfirmAsync(int? offset)
    {
        if (offset is null)
        {
            return;
        }

        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await bot.GetUpdates(offset, limit: 1, timeout: 0, cancellationToken: quick.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning("Could not confirm the last updates on shutdown; they will be redelivered and ignored: {Error}", e.Message);
        }
    }

    private static async Task Pause(int failures, CancellationToken ct)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures - 1))), ct);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
