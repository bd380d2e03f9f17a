using Hangfire;
using Microsoft.Extensions.Options;
using Microtask.Bot.Jobs;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;

namespace Microtask.Bot.Requesters;

internal static class RequesterServices
{
    /// <summary>The requester's use cases, one registration line each: projects, batches, results, notices.</summary>
    public static IServiceCollection AddRequesters(this IServiceCollection services)
    {
        services.AddScoped<OwnedProject>();
        services.AddScoped<BatchFiles>();
        services.AddScoped<ProjectPseudonyms>();
        services.AddScoped<UploadBatchHandler>();
        services.AddScoped<UploadBonusesHandler>();
        services.AddScoped<JudgingNotes>();
        services.AddScoped<BudgetNotes>();
        services.AddSingleton<PseudonymSalt>();
        services.AddHostedService(sp => sp.GetRequiredService<PseudonymSalt>());
        services.AddSingleton<IConversations, OpenConversations>();
        services.AddScoped<IEventHandler<AnswerAccepted>, RequesterNotices>();
        services.AddScoped<IEventHandler<TaskMediaRefused>, MediaRefusalNotice>();
        services.AddScoped<IEventHandler<GoldQuarantined>, GoldQuarantineNotice>();
        services.AddTransient<DailyDigestJob>();
        services.AddTransient<PayRateJob>();
        services.AddTransient<BonusNoticeJob>();
        services.AddScoped<BonusPayments>();
        services.AddTransient<NotifyWorkersJob>();
        services.AddTransient<SlotReopenJob>();
        services.AddTransient<OverlapModelJob>();
        services.AddScoped<IEventHandler<WorkerBanned>, ReopenSlotsOnBan>();
        services.AddRecurringJobs((jobs, provider) =>
        {
            var options = provider.GetRequiredService<IOptions<MicrotaskOptions>>().Value;
            var at = options.Notices.DailyAt;
            jobs.AddOrUpdate<DailyDigestJob>("requester-digest", job => job.RunAsync(), Cron.Daily(at.Hours, at.Minutes), new RecurringJobOptions { TimeZone = options.TimeZone });
            jobs.AddOrUpdate<PayRateJob>("pay-rates", job => job.RunAsync(), "*/5 * * * *");
            jobs.AddOrUpdate<SlotReopenJob>("slot-reopen-sweep", job => job.SweepAsync(), Cron.Hourly());
            jobs.AddOrUpdate<OverlapModelJob>("overlap-model", job => job.RunAsync(), "*/5 * * * *");
        });

        services.AddCommand<CreateProject, CreateProjectHandler>();
        services.AddInput<ConversationText, CreateProjectHandler>(Access.Requester);
        services.AddButton<ChooseDraftKind, CreateProjectHandler>();
        services.AddButton<ChooseDraftFlag, CreateProjectHandler>();
        services.AddButton<ChooseDraftPlace, CreateProjectHandler>();
        services.AddButton<AcceptDraftRules, CreateProjectHandler>();
        services.AddButton<ChooseDraftReward, CreateProjectHandler>();
        services.AddCommand<RaiseReward, RaiseRewardHandler>();
        services.AddButton<RaiseRewardButton, RaiseRewardHandler>();
        services.AddCommand<CancelConversation, CreateProjectHandler>();
        services.AddButton<PreviewButton, PreviewButtonHandler>();
        services.AddButton<ActivateProject, ActivateProjectHandler>();
        services.AddCommand<SetRules, SetRulesHandler>();
        services.AddCommand<PayBonus, PayBonusHandler>();
        services.AddButton<BonusFileButton, PayBonusFileHandler>();
        services.AddCommand<NotifyWorkers, NotifyWorkersHandler>();
        services.AddButton<MuteProject, MuteProjectHandler>();
        services.AddInput<SentDocument, SentDocumentHandler>(Access.Requester);
        services.AddButton<ImportBatch, ImportBatchHandler>();
        services.AddCommand<ShowProjects, ShowProjectsHandler>();
        services.AddCommand<ShowProgress, ShowProgressHandler>();
        services.AddCommand<ReviewTasks, ReviewTasksHandler>();
        services.AddButton<SettleTask, ReviewTasksHandler>();
        services.AddButton<SkipReviewTask, ReviewTasksHandler>();
        services.AddButton<MakeReviewedGold, ReviewTasksHandler>();
        services.AddButton<KeepGold, DecideGoldHandler>();
        services.AddButton<ChangeGold, DecideGoldHandler>();
        services.AddCommand<ExportResultsJsonl, ExportResultsHandler>();
        services.AddCommand<ExportMedia, ExportMediaHandler>();
        services.AddCommand<ExportResults, ExportResultsHandler>();
        services.AddCommand<PauseProject, ChangeProjectStateHandler>();
        services.AddCommand<ResumeProject, ChangeProjectStateHandler>();
        services.AddCommand<CloseProject, ChangeProjectStateHandler>();
        services.AddCommand<SetDigest, SetDigestHandler>();
        services.AddCommand<ManageTokens, ManageTokensHandler>();
        return services;
    }
}
