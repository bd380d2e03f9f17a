using global::Telegram.Bot;
using Microsoft.Extensions.Options;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;

namespace Microtask.Bot.Telegram;

internal static class TelegramServices
{
    /// <summary>The client, the sender, the router and the transport the options ask for.</summary>
    public static IServiceCollection AddTelegram(this IServiceCollection services, TelegramOptions telegram)
    {
        services.AddOptions<TelegramOptions>().BindConfiguration("Telegram").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SenderOptions>().BindConfiguration("Microtask:Sender").ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(nameof(TelegramBotClient), c => c.Timeout = TimeSpan.FromSeconds(telegram.PollingTimeoutSeconds + 30));
        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(TelegramBotClient));
            // RetryThreshold 0: the client must not wait out a 429 by itself; the Sender paces and retries.
            return new TelegramBotClient(new TelegramBotClientOptions(o.BotToken!.Trim(), o.ApiBaseUrl.TrimEnd('/')) { RetryThreshold = 0 }, http);
        });
        services.AddSingleton<SendLimits>();
        services.AddSingleton<Sender>();
        services.AddSingleton<ChatLocks>();
        services.AddSingleton<UpdateRouter>();
        services.AddSingleton<UpdateDispatcher>();
        services.AddHostedService<TelegramStartup>();
        services.AddBotMenu();
        if (telegram.Mode == TransportMode.Webhook)
        {
            services.AddHostedService<WebhookRegistration>();
        }
        else
        {
            services.AddHostedService<PollingReceiver>();
        }

        return services;
    }
}
