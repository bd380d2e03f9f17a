using Microtask.Bot.Telegram;

namespace Microtask.Bot.Requesters;

internal static class RequesterServices
{
    /// <summary>The requester's use cases: /newproject, batch uploads, /projects, /progress, /results, /pause /resume /close, /rules, notices.</summary>
    public static IServiceCollection AddRequesters(this IServiceCollection services)
    {
        services.AddSingleton<Roles>();
        services.AddScoped<OwnedProject>();
        services.AddScoped<BatchFiles>();
        services.AddSingleton<IConversations, OpenConversations>();
        services.AddSingleton<RequesterNotices>();
        services.AddHandler<DigestCommand, DailyDigest>();
        services.AddHandler<NewProjectCommand, CreateProject>();
        services.AddHandler<ConversationReply, CreateProject>();
        services.AddHandler<DraftKindPressed, CreateProject>();
        services.AddHandler<CancelCommand, CreateProject>();
        services.AddHandler<ActivatePressed, CreateProject>();
        services.AddHandler<PreviewPressed, CreateProject>();
        services.AddHandler<DraftRulesPressed, CreateProject>();
        services.AddHandler<RulesCommand, SetRules>();
        services.AddHandler<DocumentReceived, UploadBatch>();
        services.AddHandler<ImportPressed, ImportBatch>();
        services.AddHandler<ProjectsCommand, ProjectCommands>();
        services.AddHandler<ResultsCommand, ProjectCommands>();
        services.AddHandler<ProjectStateCommand, ChangeProjectState>();
        services.AddHandler<ProgressCommand, ShowProgress>();
        return services;
    }
}
