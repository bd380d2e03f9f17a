using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microtask.Bot.Views;
using Microtask.Bot.Telegram.Routing;
using Microtask.Core;

namespace Microtask.Bot.Money;

/// <summary>Withdrawals and the size of a top-up that needs a second look (section Microtask:Payouts).</summary>
public sealed class PayoutOptions
{
    private static readonly string[] DefaultMethods = ["gopay", "ovo", "dana", "bank"];

    /// <summary>The smallest withdrawal, in minor units.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, long.MaxValue)]
    public long Minimum { get; set; } = 10_000;

    /// <summary>A top-up above this many minor units waits for the admin to confirm it; 0 asks for every one.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, long.MaxValue)]
    public long TopupConfirmAbove { get; set; } = 10_000_000;

    /// <summary>The payout methods a worker may name (e-wallets, bank transfer); the defaults when none are configured.</summary>
    public string[] Methods { get; set; } = [];

    public IReadOnlyList<string> MethodsInForce => Methods is { Length: > 0 } ? Methods.Select(m => m.ToLowerInvariant()).ToArray() : DefaultMethods;
}

internal static class MoneyServices
{
    /// <summary>Money: /balance, /withdraw (workers), /topup with its confirmation and /payouts (admins).</summary>
    public static IServiceCollection AddMoney(this IServiceCollection services)
    {
        services.AddOptions<PayoutOptions>().BindConfiguration("Microtask:Payouts").ValidateDataAnnotations().ValidateOnStart();
        services.TryAddScoped<Targets>();
        services.AddCommand<ShowBalance, ShowBalanceHandler>();
        services.AddCommand<Withdraw, WithdrawHandler>();
        services.AddCommand<Topup, TopupHandler>();
        services.AddButton<TopupButton, TopupHandler>();
        services.AddCommand<ShowPayouts, PayoutsHandler>();
        services.AddButton<ApprovePayout, PayoutsHandler>();
        services.AddButton<RejectPayout, PayoutsHandler>();
        return services;
    }
}
