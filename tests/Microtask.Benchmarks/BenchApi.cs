using Microsoft.Extensions.DependencyInjection;
using Microtask.Bot.Requesters;
using Microtask.Storage;

namespace Microtask.Benchmarks;

/// <summary>
/// The bot's HTTP API as a client would call it, for a run's requester: a requester made here (the settings of
/// <see cref="Settings"/> name them one), a token of theirs, and a client on the bot's own address.
/// </summary>
internal static class BenchApi
{
    public const long RequesterTelegramId = 900_000_001;

    /// <summary>What the bot needs for the run's requester to use the API as fast as the run asks.</summary>
    public static Dictionary<string, string?> Settings => new()
    {
        ["Microtask:Requesters:0"] = RequesterTelegramId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Microtask:Api:RequestsPerMinute"] = "100000",
    };

    /// <summary>The run's requester (made once) and a client of the API with a new token of theirs.</summary>
    public static async Task<(long Requester, HttpClient Client)> ClientAsync(BotUnderLoad bot)
    {
        var requester = (await bot.App.Services.GetRequiredService<WorkerStore>().EnsureAsync(RequesterTelegramId, "Requester", "en")).Id;
        var token = ManageTokensHandler.NewSecret();
        await bot.App.Services.GetRequiredService<TokenStore>().AddAsync(requester, $"bench-{Guid.NewGuid():N}"[..20], ManageTokensHandler.PrefixOf(token), TokenStore.Hash(token));
        var client = new HttpClient { BaseAddress = new Uri(bot.App.Urls.First().TrimEnd('/') + "/api/v1/"), Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return (requester, client);
    }
}
