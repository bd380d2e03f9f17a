using Microtask.Storage;

namespace Microtask.Bot.Tests.Admins;

/// <summary>Owners make admins, admins make requesters; everyone else gets the unknown-command reply and changes nothing; each action is audited.</summary>
public abstract class RoleTests(string backend) : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Admins:Owners:0"] = "100001" })
{
    private const string Unknown = "I don't know that command. /help lists what I can do.";
    [Fact]
    public async Task Owner_promotes_an_admin_who_grants_the_requester_role_and_the_audit_log_shows_both()
    {
        var owner = await Bot.WorkerAsync("Owen");
        var admin = await Bot.WorkerAsync("Ada");
        var worker = await Bot.WorkerAsync("Wati", "id");

        Assert.Equal("✅ Ada (100002) is now an admin.", (await owner.SendAsync("/promote 100002")).PlainText);
        Assert.Equal("✅ Wati (100003) is now a requester and may create projects.", (await admin.SendAsync("/grant 100003")).PlainText);
        Assert.Contains("Nothing changed", (await admin.SendAsync("/grant 100003")).PlainText);
        Assert.Contains(RequesterHelpMarker, (await worker.SendAsync("/help")).PlainText);

        var log = (await admin.SendAsync("/audit")).PlainText;
        Assert.Contains("Audit log, latest 2", log);
        Assert.Contains("Ada (100002) · grant → Wati (100003) · requester", log);
        Assert.Contains("Owen (100001) · promote → Ada (100002) · admin", log);
        Assert.DoesNotContain("promote", (await admin.SendAsync("/audit 100003")).PlainText);

        Assert.Equal("✅ Wati (100003) is no longer a requester.", (await admin.SendAsync("/revoke 100003")).PlainText);
        Assert.Equal("✅ Ada (100002) is no longer an admin.", (await owner.SendAsync("/demote 100002")).PlainText);
        Assert.Equal(Unknown, (await admin.SendAsync("/audit")).PlainText);
        Assert.Equal(4, await Bot.ScalarAsync("SELECT COUNT(*) FROM audit_log"));
    }

    [Fact]
    public async Task Users_without_the_role_get_the_unknown_command_reply_and_nothing_changes()
    {
        var owner = await Bot.WorkerAsync("Owen");
        var admin = await Bot.WorkerAsync("Ada");
        var worker = await Bot.WorkerAsync("Wati");
        await owner.SendAsync("/promote 100002");

        foreach (var command in new[] { "/promote 100003", "/demote 100002", "/grant 100003", "/revoke 100003", "/audit", "/user 100002", "/stats", "/ban 100002", "/unban 100002", "/suspend 100002 1", "/reports", "/broadcast hi" })
        {
            Assert.Equal(Unknown, (await worker.SendAsync(command)).PlainText);
        }

        // An admin is not an owner: no admins made or unmade by admins.
        Assert.Equal(Unknown, (await admin.SendAsync("/promote 100003")).PlainText);
        Assert.Equal(Unknown, (await admin.SendAsync("/demote 100001")).PlainText);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM audit_log"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM workers WHERE roles <> '' AND telegram_id <> 100002"));
    }

    [Fact]
    public async Task The_owner_in_the_configuration_cannot_be_demoted_and_unknown_targets_are_named()
    {
        var owner = await Bot.WorkerAsync("Owen");
        Assert.Contains("is an owner, set in the configuration", (await owner.SendAsync("/demote 100001")).PlainText);
        Assert.Equal("No user with Telegram id 999 has talked to the bot.", (await owner.SendAsync("/promote 999")).PlainText);
        Assert.Equal("Usage: /promote <Telegram id>", (await owner.SendAsync("/promote Ada")).PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM audit_log"));
        Assert.NotNull(await Bot.Get<WorkerStore>().FindAsync(100001));
    }

    private const string RequesterHelpMarker = "/newproject";
}

public sealed class EmbeddedRoleTests() : RoleTests("Embedded");

public sealed class PostgresRoleTests() : RoleTests("Postgres");
