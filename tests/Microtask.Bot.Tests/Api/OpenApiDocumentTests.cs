using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microtask.Bot.Tests.Api;

/// <summary>The OpenAPI document kept in the repository is the one served, and it names exactly the routes the app maps.</summary>
public sealed class OpenApiDocumentTests
{
    private static readonly string Root = typeof(OpenApiDocumentTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    [Fact]
    public async Task Every_route_under_api_v1_is_in_the_served_document_and_nothing_else_is()
    {
        await using var bot = await BotHarness.StartAsync("Embedded");
        using var http = ApiClient.For(bot, null);

        var response = await http.GetAsync("openapi.json");
        var served = await response.Content.ReadAsStringAsync();
        var kept = await File.ReadAllTextAsync(Path.Combine(Root, "src", "Microtask.Bot", "Api", "openapi.json"));
        Assert.Equal(kept, served);

        var documented = JsonDocument.Parse(served).RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} /api/v1{path.Name}"))
            .Order(StringComparer.Ordinal).ToList();
        var mapped = bot.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true && !e.RoutePattern.RawText.Contains("{**", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(documented, mapped);
        Assert.True(mapped.Count >= 9, string.Join("\n", mapped));
        var unknown = await ApiClient.ProblemAsync(await http.GetAsync("no/such/path"), 404);
        Assert.Equal("https://microtask.bot/problems/no-such-path", unknown.GetProperty("type").GetString());
    }
}
