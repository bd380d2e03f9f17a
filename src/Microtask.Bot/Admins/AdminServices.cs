using Microtask.Bot.Telegram;

namespace Microtask.Bot.Admins;

internal static class AdminServices
{
    /// <summary>The admins' use cases: roles, the audit log, bans and suspensions, profiles and stats, the review queue, broadcasts.</summary>
    public static IServiceCollection AddAdmins(this IServiceCollection services)
    {
        services.AddSingleton<AdminGate>();
        services.AddScoped<Targets>();
        services.AddSingleton<AdminAlerts>();
        services.AddHandler<PromoteCommand, ChangeRole>();
        services.AddHandler<DemoteCommand, ChangeRole>();
        services.AddHandler<GrantCommand, ChangeRole>();
        services.AddHandler<RevokeCommand, ChangeRole>();
        services.AddHandler<AuditCommand, ShowAudit>();
        services.AddScoped<BannedLeases>();
        services.AddHandler<BanCommand, BanWorker>();
        services.AddHandler<SuspendCommand, BanWorker>();
        services.AddHandler<UnbanCommand, UnbanWorker>();
        services.AddHandler<RefusedWhileBanned, RefuseBanned>();
        services.AddHandler<UserCommand, ShowUser>();
        services.AddHandler<StatsCommand, ShowStats>();
        services.AddHandler<AppealCommand, AppealBan>();
        services.AddScoped<ReviewDecisions>();
        services.AddHandler<ReportsCommand, ReviewQueue>();
        services.AddHandler<ReviewPressed, ReviewQueue>();
        services.AddTransient<BroadcastJob>();
        services.AddHandler<BroadcastCommand, SendBroadcast>();
        services.AddHandler<BroadcastPressed, SendBroadcast>();
        return services;
    }
}
