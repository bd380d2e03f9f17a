using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;

namespace Microtask.Bot.Jobs;

internal static class JobServices
{
    /// <summary>Hangfire on PostgreSQL when a connection string is given, in memory (the embedded default) when it is null.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, string? postgres)
    {
        // The storage is this host's own singleton, registered before AddHangfire (which would otherwise hand out the
        // process-wide JobStorage.Current): several hosts in one process (the tests) must not share or swap storages.
        services.AddSingleton<JobStorage>(_ =>
        {
            if (string.IsNullOrWhiteSpace(postgres))
            {
                return new Hangfire.InMemory.InMemoryStorage();
            }

            var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(1) };
            return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(postgres, options), options);
        });
        // Likewise the activator that builds each job from DI: AddHangfire's default is JobActivator.Current as it stands when
        // the server starts, i.e. whichever host configured Hangfire last. With hosts starting side by side, a host's
        // server could build its jobs from another host's services (another database, or a stopped host's disposed
        // provider, so every job failed), and its reminders never reached its own chats.
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, config) => config
            .UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogs(provider.GetRequiredService<ILoggerFactory>()))
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        services.AddHangfireServer(o =>
        {
            // Hangfire's default is 15 s; reminders and expiry want to fire within a few seconds of their time.
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            o.WorkerCount = Math.Max(4, Environment.ProcessorCount * 2);
        });
        // With it registered, the dashboard checks an antiforgery token on its POSTs (retry, delete, trigger), so a page
        // elsewhere cannot ride on a browser's cached Basic credentials.
        services.AddAntiforgery();
        services.AddHostedService<JobSchedule>();
        return services;
    }
}
