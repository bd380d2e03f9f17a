namespace Microtask.Bot.Shared;

internal static class SharedServices
{
    /// <summary>What every feature uses: the bot's settings, roles, events and metrics.</summary>
    public static IServiceCollection AddShared(this IServiceCollection services)
    {
        services.AddOptions<MicrotaskOptions>().BindConfiguration("Microtask").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Roles>();
        services.AddSingleton<BotMetrics>();
        services.AddScoped<Events>();
        services.AddScoped<WorkerSettings>();
        return services;
    }
}
