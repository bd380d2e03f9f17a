using global::Telegram.Bot;
using StackExchange.Redis;
using IDatabase = Microtask.Storage.IDatabase;

namespace Microtask.Bot.Hosting;

/// <summary>
/// Whether this instance can do its work: the database, Redis when configured, and the Bot API answer. Each check
/// has a short timeout; getMe is asked at most once per <see cref="TelegramCacheFor"/>, so a load balancer's probes
/// never hammer Telegram. Only check names leave this class: no connection string, token or exception text.
/// </summary>
internal sealed class Readiness(IDatabase db, IServiceProvider services, ITelegramBotClient bot, TimeProvider time)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan TelegramCacheFor = TimeSpan.FromSeconds(5);

    private readonly IConnectionMultiplexer? redis = services.GetService<IConnectionMultiplexer>();
    private readonly Lock gate = new();
    private (DateTimeOffset Asked, Task<bool> Reachable)? telegram;

    /// <summary>Each check by name, true when it passed; all run at once.</summary>
    public async Task<IReadOnlyDictionary<string, bool>> CheckAsync(CancellationToken ct)
    {
        var checks = new Dictionary<string, Task<bool>> { ["database"] = PassesAsync(DatabaseAsync, ct) };
        if (redis is not null)
        {
            checks["redis"] = PassesAsync(RedisAsync, ct);
        }

        checks["telegram"] = TelegramAsync();
        await Task.WhenAll(checks.Values);
        return checks.ToDictionary(c => c.Key, c => c.Value.Result);
    }

    private async Task DatabaseAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.ExecuteScalarAsync(ct);
    }

    private Task RedisAsync(CancellationToken ct) => redis!.GetDatabase().PingAsync().WaitAsync(ct);

    /// <summary>The last answer while it is fresh (or still coming): concurrent probes share one getMe.</summary>
    private Task<bool> TelegramAsync()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (telegram is not { } last || now - last.Asked >= TelegramCacheFor)
            {
                // Not the probe's token: a shared answer must not be cancelled by the one probe that started it.
                telegram = last = (now, PassesAsync(token => bot.GetMe(token), CancellationToken.None));
            }

            return last.Reachable;
        }
    }

    private static async Task<bool> PassesAsync(Func<CancellationToken, Task> check, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await check(timeout.Token);
            return true;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
