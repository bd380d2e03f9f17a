using Hangfire;

namespace Microtask.Bot.Jobs;

/// <summary>A feature's recurring jobs, put in place at start (idempotent: Hangfire adds or updates by id).</summary>
internal sealed record RecurringJobs(Action<IRecurringJobManager, IServiceProvider> Register);

internal static class RecurringJobRegistration
{
    /// <summary>Registers a feature's recurring jobs; they are (re)scheduled at every start.</summary>
    public static IServiceCollection AddRecurringJobs(this IServiceCollection services, Action<IRecurringJobManager, IServiceProvider> register) =>
        services.AddSingleton(new RecurringJobs(register));
}

/// <summary>Puts every feature's recurring jobs in place at start.</summary>
internal sealed class JobSchedule(IRecurringJobManager recurring, IEnumerable<RecurringJobs> features, IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        foreach (var feature in features)
        {
            feature.Register(recurring, services);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
