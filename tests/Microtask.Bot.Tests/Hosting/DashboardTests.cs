using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Microtask.Bot.Tests.Hosting;

/// <summary>The Hangfire dashboard is for admins with the configured credential, and absent without one.</summary>
public sealed class DashboardTests
{
    [Fact]
    public async Task Without_a_configured_credential_there_is_no_dashboard()
    {
        await using var bot = await BotHarness.StartAsync("Embedded");
        using var http = new HttpClient { BaseAddress = Address(bot) };

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task With_one_it_asks_for_it_and_refuses_a_wrong_one()
    {
        await using var bot = await BotHarness.StartAsync("Embedded", new Dictionary<string, string?>
        {
            ["Microtask:Dashboard:User"] = "ops",
            ["Microtask:Dashboard:Password"] = "s3cret-for-tests",
        });
        using var http = new HttpClient { BaseAddress = Address(bot) };

        var anonymous = await http.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.StartsWith("Basic", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(http, "ops:wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(http, "admin:s3cret-for-tests")).StatusCode);

        var admin = await GetAsync(http, "ops:s3cret-for-tests");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("lease-sweep", await (await GetAsync(http, "ops:s3cret-for-tests", "/hangfire/recurring")).Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient http, string credential, string path = "/hangfire")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credential)));
        return http.SendAsync(request);
    }

    private static Uri Address(BotHarness bot) =>
        new(bot.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
