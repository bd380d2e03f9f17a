using System.Globalization;
using System.Net;

namespace Microtask.Bot.Tests.Api;

/// <summary>Each token has its own rate: over it, 429 with Retry-After as a problem, while another token goes on.</summary>
public abstract class ApiLimitsTests(string backend) : BotTest(backend, new Dictionary<string, string?>
{
    ["Microtask:Requesters:0"] = "100001",
    ["Microtask:Api:RequestsPerMinute"] = "3",
})
{
    [Fact]
    public async Task A_token_over_its_rate_gets_429_with_retry_after_and_another_token_does_not()
    {
        var requester = await Bot.WorkerAsync("Rini", "en");
        using var busy = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "busy"));
        using var calm = ApiClient.For(Bot, await ApiClient.NewTokenAsync(requester, "calm"));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("projects")).StatusCode);
        }

        var refused = await busy.GetAsync("projects");
        await ApiClient.ProblemAsync(refused, 429);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await calm.GetAsync("projects")).StatusCode);
    }
}

public sealed class EmbeddedApiLimitsTests() : ApiLimitsTests("Embedded");

public sealed class PostgresApiLimitsTests() : ApiLimitsTests("Postgres");
