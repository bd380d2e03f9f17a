using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microtask.Bot.Views;
using Microtask.Bot.Jobs;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;

namespace Microtask.Bot.Admins;

internal static class AdminServices
{
    /// <summary>The admins' use cases, one registration line each: roles, the audit log, bans, profiles and stats, the review queue, broadcasts.</summary>
    public static IServiceCollection AddAdmins(this IServiceCollection services)
    {
        services.TryAddScoped<Targets>();
        services.AddSingleton<AdminAlerts>();
        services.AddScoped<IEventHandler<WithdrawalRequested>, WithdrawalAlert>();
        services.AddScoped<BannedLeases>();
        services.AddScoped<ReviewDecisions>();
        services.AddScoped<ProjectHolds>();
        services.AddTransient<BroadcastJob>();
        services.AddTransient<DailySummaryJob>();
        services.AddRecurringJobs((jobs, provider) =>
        {
            var options = provider.GetRequiredService<IOptions<MicrotaskOptions>>().Value;
            var at = options.Notices.DailyAt;
            jobs.AddOrUpdate<DailySummaryJob>("admin-summary", job => job.RunAsync(), Cron.Daily(at.Hours, at.Minutes), new RecurringJobOptions { TimeZone = options.TimeZone });
        });

        services.AddCommand<PromoteUser, ChangeRoleHandler>();
        services.AddCommand<DemoteUser, ChangeRoleHandler>();
        services.AddCommand<GrantUser, ChangeRoleHandler>();
        services.AddCommand<RevokeUser, ChangeRoleHandler>();
        services.AddCommand<ShowAudit, ShowAuditHandler>();
        services.AddCommand<ShowUser, ShowUserHandler>();
        services.AddCommand<ShowStats, ShowStatsHandler>();
        services.AddCommand<BanWorker, BanWorkerHandler>();
        services.AddCommand<SuspendWorker, BanWorkerHandler>();
        services.AddCommand<UnbanWorker, UnbanWorkerHandler>();
        services.AddCommand<AppealBan, AppealBanHandler>();
        services.AddInput<RefusedWhileBanned, RefuseBanned>(Access.Worker, whileBanned: true);
        services.AddCommand<ShowReports, ReviewQueue>();
        services.AddButton<DecideReview, ReviewQueue>();
        services.AddCommand<UnpauseProject, UnpauseProjectHandler>();
        services.AddCommand<SendBroadcast, SendBroadcastHandler>();
        services.AddCommand<RevokeToken, RevokeTokenHandler>();
        services.AddButton<BroadcastButton, SendBroadcastHandler>();
        return services;
    }
}
