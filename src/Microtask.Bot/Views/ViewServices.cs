namespace Microtask.Bot.Views;

internal static class ViewServices
{
    /// <summary>What every feature shows tasks with.</summary>
    public static IServiceCollection AddViews(this IServiceCollection services) => services.AddSingleton<TaskDelivery>();
}
