using Microtask.Bot.Requesters;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>A button checks who may press it at the press, as a typed command does when it is typed.</summary>
public abstract class RevokedRequesterTests(string backend) : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Admins:Owners:0"] = "100001" })
{
    [Fact]
    public async Task A_requester_whose_role_was_revoked_cannot_activate_an_old_draft()
    {
        var admin = await Bot.WorkerAsync("Ade");
        var requester = await Bot.WorkerAsync("Rini");
        Assert.Contains("is now a requester", (await admin.SendAsync("/grant 100002")).PlainText);
        var first = await DraftAsync(requester);
        var second = await DraftAsync(requester);

        var activated = await requester.ForgeAsync(requester.Last().MessageId, new ActivateProject(first).Data);
        Assert.Contains($"#{first}", activated.PlainText);
        Assert.Equal("Active", await StateAsync(first));

        Assert.Contains("is no longer a requester", (await admin.SendAsync("/revoke 100002")).PlainText);
        var refused = await requester.ForgeAsync(requester.Last().MessageId, new ActivateProject(second).Data);

        Assert.Equal("I don't know that command. /help lists what I can do.", refused.PlainText);
        Assert.Equal("Draft", await StateAsync(second));
    }

    private async Task<long> DraftAsync(Player requester)
    {
        var owner = (await Bot.Get<WorkerStore>().FindAsync(requester.Id))!.Id;
        return await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Reviews", "Read it", AnswerKind.YesNo, [], "{{text}}", 100, 1, TimeSpan.FromMinutes(5), owner),
            [new NewTask(new Dictionary<string, string> { ["text"] = "good" })],
            ProjectState.Draft);
    }

    private async Task<string> StateAsync(long projectId)
    {
        await using var c = await Bot.Get<IDatabase>().OpenAsync(CancellationToken.None);
        return await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, $"SELECT state FROM projects WHERE id = {projectId}") ?? "";
    }
}

public sealed class EmbeddedRevokedRequesterTests() : RevokedRequesterTests("Embedded");

public sealed class PostgresRevokedRequesterTests() : RevokedRequesterTests("Postgres");
