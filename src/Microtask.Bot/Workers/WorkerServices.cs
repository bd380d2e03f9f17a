using Microtask.Bot.Jobs;
using Microtask.Bot.Telegram;

namespace Microtask.Bot.Workers;

internal static class WorkerServices
{
    /// <summary>The worker's use cases, each registered for the commands it handles.</summary>
    public static IServiceCollection AddWorkers(this IServiceCollection services)
    {
        services.AddScoped<TaskFlow>();
        services.AddOptions<QuotaOptions>().BindConfiguration("Microtask:Quotas").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<DailyLimits>();
        services.AddScoped<ReminderSchedule>();
        services.AddTransient<NudgeJob>();
        services.AddTransient<NudgeScheduleJob>();
        services.AddHostedService<ReminderScheduleStartup>();
        services.AddHandler<StartCommand, StartWorker>();
        services.AddHandler<ConsentPressed, GiveConsent>();
        services.AddHandler<LanguageCommand, ChooseLanguage>();
        services.AddHandler<LanguagePressed, SetLanguage>();
        services.AddHandler<TaskCommand, ShowNextTask>();
        services.AddHandler<NextPressed, ShowNextTask>();
        services.AddHandler<AnswerPressed, SubmitAnswer>();
        services.AddHandler<TextReply, SubmitTextAnswer>();
        services.AddHandler<SkipPressed, SkipTask>();
        services.AddHandler<ReportPressed, ReportTask>();
        services.AddHandler<ReportReasonPressed, ReportTaskReason>();
        services.AddHandler<PauseCommand, PauseWork>();
        services.AddHandler<MeCommand, ShowProfile>();
        services.AddHandler<LimitCommand, SetLimit>();
        services.AddHandler<TimeZoneCommand, SetTimeZone>();
        services.AddHandler<RemindCommand, SetReminder>();
        services.AddHandler<HelpCommand, ReplyToOthers>();
        services.AddHandler<UnknownCommand, ReplyToOthers>();
        services.AddHandler<JunkArguments, ReplyToOthers>();
        services.AddHandler<InvalidButton, ReplyToOthers>();
        return services;
    }
}
