using Hangfire;
using Microtask.Bot.Jobs;
using Microtask.Bot.Telegram.Routing;

namespace Microtask.Bot.Workers;

internal static class WorkerServices
{
    /// <summary>The worker's use cases, one registration line each, with the steps and jobs they share.</summary>
    public static IServiceCollection AddWorkers(this IServiceCollection services)
    {
        services.AddOptions<QuotaOptions>().BindConfiguration("Microtask:Quotas").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkerOptions>().BindConfiguration("Microtask:Workers");
        services.AddOptions<DisputeOptions>().BindConfiguration("Microtask:Disputes").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DisputeOptions>>().Value.Thresholds);
        services.AddScoped<WorkerTasks>();
        services.AddScoped<TaskOffers>();
        services.AddScoped<AnswerSubmission>();
        services.AddScoped<RatingQuestions>();
        services.AddScoped<PhotoPlaces>();
        services.AddScoped<DailyLimits>();
        services.AddScoped<ReminderSchedule>();
        services.AddSingleton<LeaseTimers>();
        services.AddSingleton<TimeUp>();
        services.AddSingleton<LeaseReminder>();
        services.AddTransient<LeaseTickJob>();
        services.AddTransient<LeaseReminderJob>();
        services.AddTransient<LeaseExpiryJob>();
        services.AddTransient<LeaseSweepJob>();
        services.AddTransient<NudgeJob>();
        services.AddTransient<NudgeScheduleJob>();
        services.AddHostedService<ReminderScheduleStartup>();
        services.AddRecurringJobs((jobs, _) => jobs.AddOrUpdate<LeaseSweepJob>("lease-sweep", job => job.RunAsync(), Cron.Minutely()));

        services.AddCommand<StartWorker, StartWorkerHandler>();
        services.AddButton<GiveConsent, GiveConsentHandler>();
        services.AddCommand<ShowHelp, ShowHelpHandler>();
        services.AddCommand<ChooseLanguage, ChooseLanguageHandler>();
        services.AddButton<SetLanguage, SetLanguageHandler>();
        services.AddCommand<ShowNextTask, ShowNextTaskHandler>();
        services.AddButton<NextTaskButton, ShowNextTaskHandler>();
        services.AddCommand<ShowOpenProjects, ChooseProjectHandler>();
        services.AddButton<WorkOnProject, ChooseProjectHandler>();
        services.AddButton<WorkOnAnyProject, ChooseProjectHandler>();
        services.AddButton<AnswerPractice, Practice>();
        services.AddButton<SkipPractice, Practice>();
        services.AddButton<AnswerProjectPractice, ProjectPractice>();
        services.AddButton<SubmitAnswer, SubmitAnswerHandler>();
        services.AddInput<TypedText, SubmitTypedAnswerHandler>(Access.Worker);
        services.AddButton<ToggleOption, ChooseOptionsHandler>();
        services.AddButton<FinishOptions, ChooseOptionsHandler>();
        services.AddInput<SentVoice, SubmitMediaAnswerHandler>(Access.Worker);
        services.AddInput<SentPhoto, SubmitMediaAnswerHandler>(Access.Worker);
        services.AddInput<SentOtherMedia, SubmitMediaAnswerHandler>(Access.Worker);
        services.AddInput<SentLocation, SubmitPhotoPlaceHandler>(Access.Worker);
        services.AddButton<SkipTask, SkipTaskHandler>();
        services.AddButton<ReportTask, ReportTaskHandler>();
        services.AddButton<ReportTaskReason, ReportTaskHandler>();
        services.AddButton<ExtendLease, ExtendLeaseHandler>();
        services.AddButton<DisputeGold, DisputeGoldHandler>();
        services.AddButton<RateProject, RateProjectHandler>();
        services.AddButton<SkipRating, RateProjectHandler>();
        services.AddCommand<PauseWork, PauseWorkHandler>();
        services.AddCommand<ShowProfile, ShowProfileHandler>();
        services.AddCommand<SetLimit, SetLimitHandler>();
        services.AddCommand<SetTimeZone, SetTimeZoneHandler>();
        services.AddCommand<SetReminder, SetReminderHandler>();

        services.AddInput<UnknownCommand, ReplyToOthers>(Access.Worker);
        services.AddInput<JunkArguments, ReplyToOthers>(Access.Worker);
        services.AddInput<InvalidButton, ReplyToOthers>(Access.Worker);
        services.AddInput<DocumentRefused, SubmitMediaAnswerHandler>(Access.Worker);
        return services;
    }
}
