using System.Text;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>
/// The pseudonyms in /results cannot be turned back into worker ids by anyone who reads the source: without a
/// configured salt the bot makes a random one at first start and keeps it in the database, where every instance finds
/// the same one; a configured salt wins.
/// </summary>
public abstract class PseudonymSaltTests(string backend) : IAsyncLifetime
{
    private const long RequesterId = 100001;
    private const string PublicDefault = "microtask-pseudonyms";
    private readonly List<BotHarness> bots = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var bot in Enumerable.Reverse(bots))
        {
            await bot.DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_a_configured_salt_a_random_one_is_made_once_kept_and_shared_by_every_instance()
    {
        var first = await StartAsync();
        var stored = await StoredSaltAsync(first);
        Assert.Matches("^[0-9a-f]{64}$", stored);
        var (projectId, workerId, pseudonym) = await ResultsAsync(first);
        Assert.Equal(Pseudonym.Of(stored, projectId, workerId), pseudonym);
        Assert.NotEqual(Pseudonym.Of(PublicDefault, projectId, workerId), pseudonym);

        // A second instance on the same database (and the first one started again) finds the same salt.
        var second = await StartAsync(SameDatabase(first));
        Assert.Equal(stored, await StoredSaltAsync(second));
        var requester = new Player(second, second.Emulator.CreateUser("Rini", "en")); // agreed already, through the first instance
        Assert.Equal(RequesterId, requester.Id);
        Assert.Equal(pseudonym, PseudonymIn(second, requester, await requester.SendAsync($"/results {projectId}")));
        Assert.Equal(1, await second.ScalarAsync("SELECT COUNT(*) FROM settings"));
    }

    [Fact]
    public async Task A_configured_salt_wins_and_nothing_is_stored()
    {
        var bot = await StartAsync(new() { ["Microtask:PseudonymSalt"] = "our-own-secret" });

        var (projectId, workerId, pseudonym) = await ResultsAsync(bot);

        Assert.Equal(Pseudonym.Of("our-own-secret", projectId, workerId), pseudonym);
        Assert.Equal(0, await bot.ScalarAsync("SELECT COUNT(*) FROM settings"));
    }

    private async Task<BotHarness> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = extra ?? [];
        settings["Microtask:Requesters:0"] = RequesterId.ToString();
        var bot = await BotHarness.StartAsync(backend, settings);
        bots.Add(bot);
        return bot;
    }

    private static Dictionary<string, string?> SameDatabase(BotHarness bot) => new()
    {
        ["Microtask:SqlitePath"] = bot.App.Configuration["Microtask:SqlitePath"],
        ["ConnectionStrings:Postgres"] = bot.App.Configuration.GetConnectionString("Postgres"),
    };

    /// <summary>One answer to a project of the requester's, and the pseudonym /results gives its worker.</summary>
    private static async Task<(long ProjectId, long WorkerId, string Pseudonym)> ResultsAsync(BotHarness bot)
    {
        var requester = await bot.WorkerAsync("Rini", "en");
        var owner = (await bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
        var projectId = await bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Pets", "Pick", AnswerKind.YesNo, [], "{{text}}", 0, 1, TimeSpan.FromMinutes(5), owner),
            [new NewTask(new Dictionary<string, string> { ["text"] = "meow" })],
            ProjectState.Active);
        var worker = await bot.WorkerAsync("Wati");
        await worker.AnswerAsync(await worker.SendAsync("/task"));
        var workerId = (await bot.Get<WorkerStore>().FindAsync(worker.Id))!.Id;
        return (projectId, workerId, PseudonymIn(bot, requester, await requester.SendAsync($"/results {projectId}")));
    }

    private static string PseudonymIn(BotHarness bot, Player requester, Sandbox.ChatMessage document)
    {
        var csv = Encoding.UTF8.GetString(bot.Emulator.DownloadDocument(requester.Id, document.MessageId)!);
        return System.Text.RegularExpressions.Regex.Match(csv, "(w[0-9a-f]{10}):yes").Groups[1].Value;
    }

    private static async Task<string> StoredSaltAsync(BotHarness bot)
    {
        await using var c = await bot.Get<IDatabase>().OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<string>("SELECT value FROM settings WHERE name = 'pseudonym_salt'") ?? "";
    }
}

public sealed class EmbeddedPseudonymSaltTests() : PseudonymSaltTests("Embedded");

public sealed class PostgresPseudonymSaltTests() : PseudonymSaltTests("Postgres");
