using Microtask.Storage;
using Microtask.Storage.Coordination;
using Npgsql;
using StackExchange.Redis;
using IDatabase = Microtask.Storage.IDatabase;

namespace Microtask.Bot.Hosting;

internal static class StorageServices
{
    /// <summary>PostgreSQL and Redis when their connection strings are set; SQLite and in-process twins otherwise.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration, MicrotaskOptions options)
    {
        var postgres = configuration.GetConnectionString("Postgres");
        var redis = configuration.GetConnectionString("Redis");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(postgres));
            services.AddSingleton<IDatabase, PostgresDatabase>();
        }
        else
        {
            services.AddSingleton<IDatabase>(_ => new SqliteDatabase(options.SqlitePath));
        }

        if (!string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var config = ConfigurationOptions.Parse(redis);
                config.AbortOnConnectFail = false; // ride out a Redis restart instead of failing every call for good
                return ConnectionMultiplexer.Connect(config);
            });
            services.AddSingleton(new RedisKeys(options.RedisPrefix));
            services.AddSingleton<ILeaseStore, RedisLeaseStore>();
            services.AddSingleton<IUpdateLog, RedisUpdateLog>();
        }
        else
        {
            services.AddSingleton<ILeaseStore, InProcessLeaseStore>();
            services.AddSingleton<IUpdateLog, InProcessUpdateLog>();
        }

        services.AddSingleton<WorkerStore>();
        services.AddSingleton<ProjectStore>();
        services.AddSingleton<ProjectCache>();
        services.AddSingleton<AssignmentStore>();
        services.AddSingleton<AnswerStore>();
        services.AddHostedService<StorageStartup>();
        return services;
    }

    public static bool IsEmbedded(IConfiguration configuration) => string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres"));
}
