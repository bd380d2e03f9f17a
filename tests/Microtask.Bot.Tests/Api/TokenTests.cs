using System.Globalization;
using System.Net;
using Dapper;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Api;

/// <summary>/token in the chat: a token is shown once, kept only as a hash, listed by its prefix, and revoked for good.</summary>
public abstract class TokenTests(string backend) : BotTest(backend, new Dictionary<string, string?>
{
    ["Microtask:Requesters:0"] = RequesterId.ToString(CultureInfo.InvariantCulture),
    ["Microtask:Admins:Owners:0"] = AdminId.ToString(CultureInfo.InvariantCulture),
})
{
    private const long RequesterId = 100001;
    private const long AdminId = 100002;
    private Player requester = null!;
    private Player admin = null!;

    protected override async Task StartedAsync()
    {
        requester = await Bot.WorkerAsync("Rini", "en");
        admin = await Bot.WorkerAsync("Ops", "en");
        Assert.Equal(AdminId, admin.Id);
    }

    [Fact]
    public async Task A_token_is_shown_once_kept_as_a_hash_works_until_revoked_and_each_use_is_audited()
    {
        var token = await ApiClient.NewTokenAsync(requester, "ci");
        using var http = ApiClient.For(Bot, token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("projects")).StatusCode);

        // Only the hash and the prefix are stored; the list shows the prefix, never the secret.
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM api_tokens WHERE hash = '{TokenStore.Hash(token)}' AND prefix = '{token[..10]}'"));
        await using (var c = await Bot.Get<IDatabase>().OpenAsync(CancellationToken.None))
        {
            var stored = string.Join(" ", await c.QueryAsync<string>("SELECT name || prefix || hash FROM api_tokens"));
            Assert.DoesNotContain(token[10..], stored, StringComparison.Ordinal);
        }

        var list = await requester.SendAsync("/token list");
        Assert.Contains($"ci {token[..10]}…", list.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("never", list.PlainText, StringComparison.Ordinal);
        Assert.Contains("already have a token named ci", (await requester.SendAsync("/token new ci")).PlainText, StringComparison.Ordinal);

        var audited = await Bot.ScalarAsync($"SELECT COUNT(*) FROM audit_log WHERE action = 'api' AND detail LIKE '{token[..10]} (ci) GET /api/v1/projects 200'");
        Assert.Equal(1, audited);

        Assert.Contains("is revoked", (await requester.SendAsync("/token revoke ci")).PlainText, StringComparison.Ordinal);
        await ApiClient.ProblemAsync(await http.GetAsync("projects"), 401);
        Assert.Contains("no API tokens", (await requester.SendAsync("/token list")).PlainText, StringComparison.Ordinal);
        Assert.Contains("no live token named ci", (await requester.SendAsync("/token revoke ci")).PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_revokes_a_requesters_token_and_a_worker_has_no_token_command()
    {
        var token = await ApiClient.NewTokenAsync(requester, "ci");
        using var http = ApiClient.For(Bot, token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("projects")).StatusCode);

        var reply = await admin.SendAsync($"/token revoke {RequesterId} ci");

        Assert.Contains("Token ci of", reply.PlainText, StringComparison.Ordinal);
        await ApiClient.ProblemAsync(await http.GetAsync("projects"), 401);
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM audit_log WHERE action = 'token.revoke' AND target_id = (SELECT id FROM workers WHERE telegram_id = {RequesterId})"));
        var worker = await Bot.WorkerAsync("Wulan", "en");
        Assert.DoesNotMatch(ApiClient.Token(), (await worker.SendAsync("/token new mine")).PlainText);
    }

    [Fact]
    public async Task Usage_is_explained_for_malformed_token_commands()
    {
        Assert.Contains("/token new NAME", (await requester.SendAsync("/token")).PlainText, StringComparison.Ordinal);
        Assert.Contains("/token new NAME", (await requester.SendAsync("/token new <b>bad name</b>")).PlainText, StringComparison.Ordinal);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM api_tokens"));
    }
}

public sealed class EmbeddedTokenTests() : TokenTests("Embedded");

public sealed class PostgresTokenTests() : TokenTests("Postgres");
