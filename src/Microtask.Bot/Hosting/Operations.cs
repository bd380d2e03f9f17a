using Microtask.Bot.Shared;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Microtask.Bot.Hosting;

/// <summary>
/// What an operator of several instances watches: /healthz (the process answers), /readyz (it can work: database,
/// Redis, Bot API) and /metrics (Prometheus, through OpenTelemetry). Anonymous and cheap: none of them sends through
/// the Sender or queries the database per request beyond /readyz's one SELECT 1.
/// </summary>
internal static class Operations
{
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddSingleton<Readiness>();
        services.AddHostedService<WorkloadGauges>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("microtask-bot")) // target_info names the service and this instance
            .WithMetrics(metrics => metrics.AddMeter(BotMetrics.MeterName).AddPrometheusExporter());
        return services;
    }

    public static void MapOperations(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", async (Readiness readiness, CancellationToken ct) =>
        {
            var checks = await readiness.CheckAsync(ct);
            var failed = checks.Where(c => !c.Value).Select(c => c.Key).ToArray();
            var body = new
            {
                status = failed.Length == 0 ? "ready" : "unready",
                failed,
                checks = checks.ToDictionary(c => c.Key, c => c.Value ? "ok" : "failed"),
            };
            return Results.Json(body, statusCode: failed.Length == 0 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
    }
}
