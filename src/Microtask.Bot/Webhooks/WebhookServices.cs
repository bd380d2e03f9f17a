using Hangfire;
using Microtask.Bot.Jobs;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;

namespace Microtask.Bot.Webhooks;

internal static class WebhookServices
{
    /// <summary>
    /// A requester's webhooks (docs/api.md, Webhooks): /webhook in the chat, the events that feed the outbox, the
    /// delivery job and its minutely sweep. The API's routes are in Api/WebhooksApi.cs.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration("Microtask:Api:Webhooks").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookUrls>();
        services.AddSingleton<WebhookPoster>();
        services.AddScoped<WebhookRegistry>();
        services.AddScoped<IEventHandler<BatchCompleted>, WebhookEvents>();
        services.AddScoped<IEventHandler<ProjectPaused>, WebhookEvents>();
        services.AddScoped<IEventHandler<BudgetLow>, WebhookEvents>();
        services.AddTransient<WebhookDeliveryJob>();
        services.AddTransient<WebhookSweepJob>();
        services.AddRecurringJobs((jobs, _) => jobs.AddOrUpdate<WebhookSweepJob>("webhook-sweep", job => job.RunAsync(), Cron.Minutely()));

        services.AddCommand<ManageWebhook, ManageWebhookHandler>();
        return services;
    }
}
