using Microtask.Bot.Telegram;

namespace Microtask.Bot.Requesters;

internal static class RequesterServices
{
    /// <summary>The requester's use cases so far: batch uploads, /projects, /results, /pause /resume /close of a project.</summary>
    public static IServiceCollection AddRequesters(this IServiceCollection services)
    {
        services.AddSingleton<Roles>();
        services.AddScoped<OwnedProject>();
        services.AddScoped<BatchFiles>();
        services.AddHandler<DocumentReceived, UploadBatch>();
        services.AddHandler<ImportPressed, ImportBatch>();
        services.AddHandler<ProjectsCommand, ProjectCommands>();
        services.AddHandler<ResultsCommand, ProjectCommands>();
        services.AddHandler<ProjectStateCommand, ChangeProjectState>();
        services.AddHandler<ProgressCommand, ShowProgress>();
        return services;
    }
}
