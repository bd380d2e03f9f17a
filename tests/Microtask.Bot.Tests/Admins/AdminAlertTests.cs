using Microtask.Core;
using Microtask.Sandbox;

namespace Microtask.Bot.Tests.Admins;

/// <summary>New appeals and withdrawal requests reach every admin and owner, each in their own language, after the worker's reply.</summary>
public abstract class AdminAlertTests(string backend) : BotTest(backend, Settings)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Microtask:Admins:Owners:0"] = "100003",
        ["Microtask:Payouts:Minimum"] = "200",
        ["Microtask:Sender:MaxRetries"] = "1",
    };

    private Player admin = null!;
    private Player worker = null!;
    private Player owner = null!;

    protected override async Task StartedAsync()
    {
        admin = await Bot.WorkerAsync("Ada", "id");
        worker = await Bot.WorkerAsync("Wati");
        owner = await Bot.WorkerAsync("Owen");
        await owner.SendAsync("/promote 100001");
    }

    [Fact]
    public async Task An_appeal_reaches_the_admins_and_owners_but_not_other_workers()
    {
        var banned = await Bot.WorkerAsync("Budi", "id");
        await owner.SendAsync("/ban 100004 3d");

        Assert.StartsWith("📨 Banding Anda sudah dikirim", (await banned.SendAsync("/appeal I did nothing wrong")).PlainText);

        Assert.Equal("⚖️ New appeal from Budi (100004). Review it with /reports.", (await WaitAsync(owner, "⚖️")).PlainText);
        Assert.Equal("⚖️ Banding baru dari Budi (100004). Tinjau dengan /reports.", (await WaitAsync(admin, "⚖️")).PlainText);

        // A second appeal while the first waits is refused, and nobody is told again.
        Assert.StartsWith("Banding Anda sebelumnya masih menunggu", (await banned.SendAsync("/appeal please")).PlainText);
        await owner.SendAsync("/me");
        Assert.Single(owner.BotMessages(), m => m.PlainText.StartsWith("⚖️"));
        Assert.DoesNotContain(worker.BotMessages(), m => m.PlainText.StartsWith("⚖️"));
        Assert.DoesNotContain(banned.BotMessages(), m => m.PlainText.StartsWith("⚖️"));
    }

    [Fact]
    public async Task A_withdrawal_request_reaches_the_admins_and_owners_in_their_language()
    {
        await EarnAsync(4); // Rp 400

        var reply = await worker.SendAsync("/withdraw 300 gopay 081234567");
        Assert.Contains("Withdrawal #1", reply.PlainText);

        var told = await WaitAsync(owner, "💸");
        Assert.Equal("💸 Wati (100002) asked to withdraw Rp 300 (request #1). Review it with /payouts.", told.PlainText);
        Assert.Equal("💸 Wati (100002) meminta penarikan Rp 300 (permintaan #1). Tinjau dengan /payouts.", (await WaitAsync(admin, "💸")).PlainText);
        Assert.DoesNotContain(worker.BotMessages(), m => m.PlainText.StartsWith("💸"));

        // A refused request tells nobody.
        Assert.Equal("Your balance is Rp 100; you cannot withdraw Rp 300.", (await worker.SendAsync("/withdraw 300 gopay 081234567")).PlainText);
        await owner.SendAsync("/me");
        Assert.Single(owner.BotMessages(), m => m.PlainText.StartsWith("💸"));
    }

    [Fact]
    public async Task An_admin_who_cannot_be_reached_neither_fails_the_workers_command_nor_stops_the_others()
    {
        await EarnAsync(4);
        Bot.Emulator.Faults.ServerError(500, count: 10, chatId: admin.Id, method: "sendMessage");

        Assert.Contains("Withdrawal #1", (await worker.SendAsync("/withdraw 300 gopay 081234567")).PlainText);

        Assert.StartsWith("💸 Wati (100002)", (await WaitAsync(owner, "💸")).PlainText);
        Assert.DoesNotContain(admin.BotMessages(), m => m.PlainText.StartsWith("💸"));
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM payouts"));
    }

    private Task<ChatMessage> WaitAsync(Player player, string start) =>
        Bot.Emulator.WaitForMessageAsync(player.Id, m => m.PlainText.StartsWith(start, StringComparison.Ordinal), TimeSpan.FromSeconds(15));

    private async Task EarnAsync(int answers)
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, answers, overlap: 1);
        var task = await worker.SendAsync("/task");
        for (var i = 0; i < answers; i++)
        {
            task = await worker.AnswerAsync(task);
        }
    }
}

public sealed class EmbeddedAdminAlertTests() : AdminAlertTests("Embedded");

public sealed class PostgresAdminAlertTests() : AdminAlertTests("Postgres");
