namespace Microtask.Bot.Tests.Telegram;

/// <summary>The terms are a worker's to accept: a requester's and an admin's own commands work without them, tasks do not.</summary>
public abstract class ConsentTests(string backend) : BotTest(backend, new Dictionary<string, string?>
{
    ["Microtask:Admins:Owners:0"] = "100001",
    ["Microtask:Requesters:0"] = "100002",
})
{
    private const string ConsentNeeded = "Please agree to the terms first: send /start.";

    [Fact]
    public async Task A_requester_and_an_admin_who_never_agreed_use_their_own_commands_but_get_no_task()
    {
        var admin = new Player(Bot, Bot.Emulator.CreateUser("Ade", "en"));
        var requester = new Player(Bot, Bot.Emulator.CreateUser("Rini", "en"));
        var worker = new Player(Bot, Bot.Emulator.CreateUser("Budi", "en"));
        Assert.Equal([100001, 100002], new[] { admin.Id, requester.Id });
        foreach (var user in new[] { admin, requester, worker })
        {
            Assert.Contains("Do you agree?", (await user.SendAsync("/start")).PlainText);
        }

        Assert.Contains("Platform now", (await admin.SendAsync("/stats")).PlainText);
        Assert.Contains("You have no projects yet.", (await requester.SendAsync("/projects")).PlainText);
        Assert.Contains("Your balance", (await requester.SendAsync("/balance")).PlainText);

        Assert.Equal(ConsentNeeded, (await admin.SendAsync("/task")).PlainText);
        Assert.Equal(ConsentNeeded, (await requester.SendAsync("/task")).PlainText);
        Assert.Equal(ConsentNeeded, (await worker.SendAsync("/limit 5")).PlainText);
        Assert.Equal(ConsentNeeded, (await worker.SendAsync("/stats")).PlainText); // not revealed, and not theirs anyway
    }
}

public sealed class EmbeddedConsentTests() : ConsentTests("Embedded");

public sealed class PostgresConsentTests() : ConsentTests("Postgres");
