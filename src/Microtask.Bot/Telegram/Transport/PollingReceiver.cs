using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;
using Microsoft.Extensions.Options;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage.Coordination;

namespace Microtask.Bot.Telegram.Transport;

/// <summary>
/// Long polling that confirms an update only after it was handled (Telegram.Bot's ReceiveAsync confirms
/// first, which loses updates on a crash). Updates are handled as they arrive — one chat in order, chats in
/// parallel — and the offset only moves past the oldest unfinished one, so a crash redelivers at most the
/// updates in flight, which the update log and idempotent handlers make harmless. Telegram returns at most
/// 100 updates from the offset, so at most 100 are in flight: one chat with a long queue slows the others.
/// One poller per bot token: Telegram answers a second one with 409, so with Redis an instance holds the poller's
/// lease and a second instance in polling mode refuses to start (several instances run in webhook mode).
/// </summary>
internal sealed class PollingReceiver(
    ITelegramBotClient bot, UpdateDispatcher dispatcher, Sender sender, IPollerLease lease, IOptions<TelegramOptions> options, ILogger<PollingReceiver> log)
    : BackgroundService
{
    private static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(30);
    private readonly string instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    // While updates are in flight, look for new ones at least this often, so one slow chat holds up no other.
    private static readonly TimeSpan BusyPoll = TimeSpan.FromMilliseconds(250);
    private static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery];
    private readonly InFlightUpdates inFlight = new();

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await lease.HoldAsync(instance, LeaseTtl))
        {
            throw new StartupException(
                "another instance of this bot is already polling Telegram for updates (Telegram allows one poller per bot token and answers a second with 409 Conflict). "
                + "Run a single instance in polling mode, or every instance in webhook mode (Telegram__Mode=Webhook) behind a load balancer.");
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await lease.ReleaseAsync(instance);
    }

    /// <summary>Renews the poller's lease while polling; losing it (Redis lost it, another took it) is logged loudly.</summary>
    private async Task KeepLeaseAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LeaseTtl / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!await lease.HoldAsync(instance, LeaseTtl))
                {
                    log.LogError("Another instance took the poller's lease: two instances now poll with this token (Telegram answers one of them with 409)");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = KeepLeaseAsync(stoppingToken);
        int? newest = null;
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

                var finish = inFlight.NextFinish();
                var busy = inFlight.Count > 0;
                // While updates are in flight Telegram returns them again at once; wait for news only when idle.
                var updates = await bot.GetUpdates(
                    inFlight.Offset(newest), limit: 100, timeout: busy ? 0 : options.Value.PollingTimeoutSeconds, allowedUpdates: Wanted, cancellationToken: stoppingToken);
                failures = 0;
                var fresh = updates.Where(u => newest is null || u.Id > newest).ToList();
                foreach (var update in fresh)
                {
                    newest = update.Id;
                    inFlight.Start(update.Id);
                    _ = HandleAsync(update);
                }

                if (fresh.Count == 0 && busy)
                {
                    await Task.WhenAny(finish, Task.Delay(BusyPoll, stoppingToken));
                }
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

        await DrainAsync(newest);
    }

    private async Task HandleAsync(Update update)
    {
        try
        {
            // In-flight updates finish even when shutdown begins: DrainAsync waits for them.
            if (await dispatcher.HandleAsync(update, CancellationToken.None) is { } answer)
            {
                await sender.AnswerCallbackAsync(answer, CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            log.LogError(e, "Update {UpdateId} failed outside its handler", update.Id);
        }
        finally
        {
            inFlight.Finish(update.Id);
        }
    }

    /// <summary>On shutdown: let in-flight updates finish, then confirm them so a clean stop redelivers nothing.</summary>
    private async Task DrainAsync(int? newest)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            while (inFlight.Count > 0)
            {
                await inFlight.NextFinish().WaitAsync(limit.Token);
            }

            if (newest is not null)
            {
                await bot.GetUpdates(inFlight.Offset(newest), limit: 1, timeout: 0, cancellationToken: limit.Token);
            }
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
