using Microtask.Bot.Shared;
using Microtask.Bot.Telegram;
using Microtask.Storage;
using Microtask.Storage.Coordination;
using Microtask.Storage.Postgres;
using Microtask.Storage.Sqlite;
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
            services.AddSingleton(_ => PostgresDataSource(postgres));
            services.AddSingleton<PostgresDatabase>();
            services.AddSingleton<IDatabase>(sp => sp.GetRequiredService<PostgresDatabase>());
            services.AddSingleton<IAssignmentProtocol, PostgresAssignmentProtocol>();
        }
        else
        {
            services.AddSingleton(_ => new SqliteDatabase(options.SqlitePath));
            services.AddSingleton<IDatabase>(sp => sp.GetRequiredService<SqliteDatabase>());
            services.AddSingleton<IAssignmentProtocol, SqliteAssignmentProtocol>();
        }

        if (!string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                ConfigurationOptions config;
                try
                {
                    config = ConfigurationOptions.Parse(redis);
                }
                catch (ArgumentException e)
                {
                    throw new StartupException($"ConnectionStrings:Redis is malformed: {e.Message}", e);
                }

                config.AbortOnConnectFail = false; // ride out a Redis restart instead of failing every call for good
                // While Redis is away, fail a command at once (each caller has its fallback) rather than queue it for
                // seconds: every update would wait that long.
                config.BacklogPolicy = BacklogPolicy.FailFast;
                return ConnectionMultiplexer.Connect(config);
            });
            services.AddSingleton(new RedisKeys(options.RedisPrefix));
            services.AddSingleton<ILeaseStore, RedisLeaseStore>();
            services.AddSingleton<IUpdateLog, RedisUpdateLog>();
            services.AddSingleton<IDailyCounters, RedisDailyCounters>();
            services.AddSingleton<IProjectAnswerCounters, RedisProjectAnswerCounters>();
            services.AddSingleton<RedisCoordination>();
            // In polling mode one instance receives every update (the poller's lease sees to it), so a chat's order needs
            // no lock across instances: the Redis lock would cost two round trips and a renewal timer per update for nothing.
            var polling = configuration.GetSection("Telegram").Get<TelegramOptions>()?.Mode is not TransportMode.Webhook;
            services.AddSingleton<IChatGate>(sp => polling ? new InProcessCoordination() : sp.GetRequiredService<RedisCoordination>());
            services.AddSingleton<ISharedSendRate>(sp => sp.GetRequiredService<RedisCoordination>());
            services.AddSingleton<IPollerLease>(sp => sp.GetRequiredService<RedisCoordination>());
            services.AddSingleton<ISharedRequestRate>(sp => sp.GetRequiredService<RedisCoordination>());
            services.AddSingleton<IFirstUploads>(sp => sp.GetRequiredService<RedisCoordination>());
        }
        else
        {
            services.AddSingleton<ILeaseStore, InProcessLeaseStore>();
            services.AddSingleton<IUpdateLog, InProcessUpdateLog>();
            services.AddSingleton<IDailyCounters, InProcessDailyCounters>();
            services.AddSingleton<IProjectAnswerCounters, InProcessProjectAnswerCounters>();
            var alone = new InProcessCoordination();
            services.AddSingleton<IChatGate>(alone);
            services.AddSingleton<ISharedSendRate>(alone);
            services.AddSingleton<IPollerLease>(alone);
            services.AddSingleton<ISharedRequestRate>(alone);
            services.AddSingleton<IFirstUploads>(alone);
        }

        services.AddSingleton<WorkerStore>();
        services.AddSingleton<ProjectStore>();
        services.AddSingleton<ProjectCache>();
        services.AddSingleton<AssignmentStore>();
        services.AddSingleton<AnswerStore>();
        services.AddSingleton<BatchStore>();
        services.AddSingleton<MediaStore>();
        services.AddSingleton<PhotoPlaceStore>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<NoticeStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<BanStore>();
        services.AddSingleton<QualityStore>();
        services.AddSingleton<ReopenedSlotStore>();
        services.AddSingleton<OverlapStore>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<BroadcastStore>();
        services.AddSingleton<ResultStore>();
        services.AddSingleton<ProgressStore>();
        services.AddSingleton<LedgerStore>();
        services.AddSingleton<PayoutStore>();
        services.AddSingleton<SettingStore>();
        services.AddSingleton<TopupStore>();
        services.AddSingleton<BonusStore>();
        services.AddSingleton<BonusFileStore>();
        services.AddSingleton<ProjectNoticeStore>();
        services.AddSingleton<PayStore>();
        services.AddSingleton<WorkChoiceStore>();
        services.AddSingleton<PracticeStore>();
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<GoldDisputeStore>();
        services.AddSingleton<RatingStore>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<ApiBatchStore>();
        services.AddSingleton<WebhookStore>();
        services.AddHostedService<StorageStartup>();
        return services;
    }

    /// <summary>
    /// The same few statements run for every answer: prepare them once per connection instead of parsing and
    /// planning each time, and skip the DISCARD ALL on every return to the pool (we set no session state); no TLS to a
    /// database on this host (<see cref="WithoutTlsOnLoopback"/>). An operator's own values in the connection string win.
    /// </summary>
    internal static NpgsqlDataSource PostgresDataSource(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"ConnectionStrings:Postgres is malformed: {e.Message}", e);
        }

        connectionString = WithoutTlsOnLoopback(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!Sets(connectionString, "Max Auto Prepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        if (!Sets(connectionString, "No Reset On Close"))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        return builder.Build();
    }

    /// <summary>
    /// A database on this very host (every host named is a loopback address or "localhost") is reached without TLS
    /// unless the connection string asks for it: the bytes never leave the machine, and Npgsql's default ("prefer")
    /// would otherwise encrypt them whenever the server offers TLS, as Debian's does (docs/decisions: no TLS on loopback).
    /// A string that names an SSL mode or a certificate
    /// (a client certificate for a <c>hostssl</c>/<c>cert</c> rule, a root to check the server by) is left alone.
    /// </summary>
    internal static string WithoutTlsOnLoopback(string connectionString)
    {
        var given = new NpgsqlConnectionStringBuilder(connectionString);
        var hosts = (given.Host ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(h => System.Net.IPAddress.TryParse(h, out _) ? h : h.StartsWith('[') && h.IndexOf(']') > 0 ? h[1..h.IndexOf(']')] : h.Split(':')[0]);
        static bool Loopback(string host) =>
            host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
        string[] asksForTls = ["SSL Mode", "SSL Certificate", "SSL Key", "Root Certificate"];
        if (asksForTls.Any(k => Sets(connectionString, k)) || !hosts.Any() || !hosts.All(Loopback))
        {
            return connectionString;
        }

        given.SslMode = SslMode.Disable;
        return given.ConnectionString;
    }

    /// <summary>
    /// Whether the connection string itself names <paramref name="keyword"/> (spaces and case aside). Not Npgsql's
    /// builder's ContainsKey: that answers whether a keyword is known at all, not whether the operator chose it.
    /// </summary>
    internal static bool Sets(string connectionString, string keyword)
    {
        static string Plain(string key) => key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.Keys.Cast<string>().Any(k => Plain(k) == Plain(keyword));
    }

    public static bool IsEmbedded(IConfiguration configuration) => string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres"));
}
