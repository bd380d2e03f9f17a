using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Microtask.Bot.Tests.Api;

/// <summary>A script's view of the bot: its own Kestrel address, a real HttpClient, a token made in the chat.</summary>
public static partial class ApiClient
{
    [GeneratedRegex("mt_[A-Za-z0-9_-]{43}")]
    public static partial Regex Token();

    public static Uri Address(BotHarness bot) =>
        new(bot.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static HttpClient For(BotHarness bot, string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri(Address(bot), "/api/v1/") };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    /// <summary>Makes a token in the chat and reads it from the bot's reply.</summary>
    public static async Task<string> NewTokenAsync(Player requester, string name)
    {
        var reply = await requester.SendAsync($"/token new {name}");
        return Token().Match(reply.PlainText).Value is { Length: > 0 } token ? token : throw new InvalidOperationException(reply.PlainText);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>An RFC 9457 answer: its media type, its status repeated in the body, and no trace of a stack.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(" at Microtask", body, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }
}
