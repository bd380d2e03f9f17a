using Microtask.Bot.Shared;

namespace Microtask.Bot.Api;

/// <summary>The HTTP API for requesters who script, under /api/v1 on the bot's own endpoint (docs/api.md).</summary>
internal static class ApiServices
{
    public const string Base = "/api/v1";

    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration("Microtask:Api").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiRateLimits>();
        services.AddScoped<ApiGate>();
        return services;
    }

    public static void MapApi(this WebApplication app)
    {
        app.MapGet(Base + "/openapi.json", () => TypedResults.Stream(OpenApiDocument(), "application/json"));
        // Below every route (a fallback's order): a path the API does not have is a problem too, not a bare 404.
        app.MapFallback(Base + "/{**rest}", () => Problems.Of(StatusCodes.Status404NotFound, "no-such-path", "The API has no such path"));
        var api = app.MapGroup(Base);
        api.AddEndpointFilter((context, next) => context.HttpContext.RequestServices.GetRequiredService<ApiGate>().InvokeAsync(context, next));
        api.MapProjects();
        api.MapCreateProject();
        api.MapBatches();
        api.MapResults();
        api.MapWebhooks();
        api.MapBonuses();
    }

    /// <summary>The document kept in the repository beside this file (Api/openapi.json), embedded in the assembly.</summary>
    public static Stream OpenApiDocument() =>
        typeof(ApiServices).Assembly.GetManifestResourceStream("Microtask.Bot.Api.openapi.json")
        ?? throw new StartupException("The OpenAPI document is missing from the build.");
}
