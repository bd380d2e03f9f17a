using System.Net.Sockets;
using Microtask.Bot.Shared;
using Npgsql;
using StackExchange.Redis;

namespace Microtask.Bot.Hosting;

/// <summary>
/// Runs first: applies migrations, checks Redis answers, loads the sample project. Anything unreachable stops
/// the bot with one line naming the server (never the connection string: it may hold a password).
/// </summary>
internal sealed class StorageStartup(IServiceProvider services, Microtask.Storage.IDatabase db, SampleProject sample, ILogger<StorageStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            await db.MigrateAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            var source = services.GetService<NpgsqlDataSource>();
            var where = source is null ? db.Name : $"{new NpgsqlConnectionStringBuilder(source.ConnectionString).Host}:{new NpgsqlConnectionStringBuilder(source.ConnectionString).Port}";
            throw new StartupException($"PostgreSQL at {where} is unreachable or refused the connection: {e.Message}", e);
        }

        if (services.GetService<IConnectionMultiplexer>() is { } redis)
        {
            try
            {
                await redis.GetDatabase().PingAsync();
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                throw new StartupException($"Redis at {string.Join(", ", redis.GetEndPoints().Select(p => p.ToString()))} is unreachable: {e.Message}", e);
            }
        }

        log.LogInformation("Storage ready: {Backend}, {Coordination}", db.Name, services.GetService<IConnectionMultiplexer>() is null ? "in-process leases" : "Redis");
        await sample.LoadIfWantedAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
