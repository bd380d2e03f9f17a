using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Microtask.Bot.Admins;
using Microtask.Bot.Hosting;
using Microtask.Bot.Requesters;
using Microtask.Bot.Workers;

namespace Microtask.Bot.Jobs;

internal static class JobServices
{
    /// <summary>Hangfire on PostgreSQL when it is configured, in memory in the embedded default.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var postgres = configuration.GetConnectionString("Postgres");

        // The storage is this host's own singleton, registered before AddHangfire (which would otherwise hand out the
        // process-wide JobStorage.Current): several hosts in one process (the tests) must not share or swap storages.
        services.AddSingleton<JobStorage>(_ =>
        {
            if (string.IsNullOrWhiteSpace(postgres))
            {
                return new Hangfire.InMemory.InMemoryStorage();
            }

            var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(1) };
            var connection = StorageServices.WithoutTlsOnLoopback(postgres);
            return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connection, options), options);
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
        services.AddTransient<LeaseSweepJob>();
        services.AddTransient<DailyDigestJob>();
        services.AddTransient<DailySummaryJob>();
        services.AddLeaseTimers();
        services.AddHostedService<JobSchedule>();
        return services;
    }
}

/// <summary>Registers the recurring jobs at start (idempotent: AddOrUpdate by id).</summary>
internal sealed class JobSchedule(IRecurringJobManager recurring, IOptions<MicrotaskOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        recurring.AddOrUpdate<LeaseSweepJob>("lease-sweep", job => job.RunAsync(), Cron.Minutely());
        var daily = options.Value.Notices.DailyAt;
        var inZone = new RecurringJobOptions { TimeZone = options.Value.TimeZone };
        recurring.AddOrUpdate<DailyDigestJob>("requester-digest", job => job.RunAsync(), Cron.Daily(daily.Hours, daily.Minutes), inZone);
        recurring.AddOrUpdate<DailySummaryJob>("admin-summary", job => job.RunAsync(), Cron.Daily(daily.Hours, daily.Minutes), inZone);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
