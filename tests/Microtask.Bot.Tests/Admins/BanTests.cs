using Microtask.Core;

namespace Microtask.Bot.Tests.Admins;

/// <summary>Bans and suspensions: the lease goes back at once, the worker is told, scope and expiry are respected.</summary>
public abstract class BanTests(string backend) : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Admins:Owners:0"] = "100001" })
{
    [Fact]
    public async Task A_ban_releases_the_lease_tells_the_worker_and_expires_by_time()
    {
        var admin = await Bot.WorkerAsync("Owen");
        var worker = await Bot.WorkerAsync("Wati", "id");
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 2, overlap: 1);
        var task = await worker.SendAsync("/task");
        Assert.Equal(1, await Bot.ScalarAsync("SELECT SUM(leases) FROM tasks"));

        var reply = await admin.SendAsync("/ban 100002 7d spam answers");
        Assert.StartsWith("🚫 Wati (100002) is banned from the platform until ", reply.PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(leases) FROM tasks"));
        Assert.EndsWith("Tugas ini ditarik kembali karena pemblokiran.", worker.Message(task.MessageId).PlainText);
        var notice = worker.Last().PlainText;
        Assert.Contains("Akses Anda ke tugas diblokir sampai ", notice);
        Assert.Contains("Alasan: spam answers", notice);
        Assert.Contains("/appeal", notice);

        Assert.StartsWith("Maaf, akun Anda diblokir sampai ", (await worker.SendAsync("/task")).PlainText);
        Assert.Contains("Maaf, akun Anda diblokir", (await worker.SendAsync("/limit 5")).PlainText);
        Assert.DoesNotContain("diblokir", (await worker.SendAsync("/me")).PlainText);
        Assert.Contains("ban → Wati (100002) · 7d: spam answers", (await admin.SendAsync("/audit 100002")).PlainText);

        Bot.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var again = await worker.SendAsync("/task");
        Assert.Contains("item", again.PlainText);
    }

    [Fact]
    public async Task Unban_lifts_a_permanent_ban_at_once()
    {
        var admin = await Bot.WorkerAsync("Owen");
        var worker = await Bot.WorkerAsync("Wati");
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 2, overlap: 1);

        Assert.EndsWith("until further notice; their open task went back to the pool.", (await admin.SendAsync("/ban 100002")).PlainText);
        Bot.Time.Advance(TimeSpan.FromDays(3650));
        Assert.StartsWith("Sorry, your account is blocked until further notice.", (await worker.SendAsync("/task")).PlainText);

        Assert.Equal("✅ Wati (100002) is no longer banned.", (await admin.SendAsync("/unban 100002")).PlainText);
        Assert.StartsWith("✅ Your ban has been lifted.", worker.Last().PlainText);
        Assert.Contains("item", (await worker.SendAsync("/task")).PlainText);
        Assert.Contains("has no ban or suspension in force", (await admin.SendAsync("/unban 100002")).PlainText);
        Assert.Contains("cannot be banned", (await admin.SendAsync("/ban 100001")).PlainText);
    }

    [Fact]
    public async Task A_suspension_keeps_the_worker_from_one_project_only_until_it_ends()
    {
        var admin = await Bot.WorkerAsync("Owen");
        var worker = await Bot.WorkerAsync("Wati");
        var first = await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 2, overlap: 1);
        var task = await worker.SendAsync("/task");
        Assert.Contains("YesNo project", task.PlainText);

        Assert.StartsWith($"🚫 Wati (100002) is suspended from project #{first} until ", (await admin.SendAsync($"/suspend 100002 {first} 12h too fast")).PlainText);
        Assert.EndsWith("This task was taken back because of a ban.", worker.Message(task.MessageId).PlainText);
        Assert.StartsWith("🚫 You will get no tasks from “YesNo project” until ", worker.Last().PlainText);

        var second = await Bot.ProjectAsync(AnswerKind.SingleChoice, tasks: 1, overlap: 1);
        var other = await worker.SendAsync("/task");
        Assert.Contains("SingleChoice project", other.PlainText);
        await worker.AnswerAsync(other);
        Assert.DoesNotContain("YesNo project", worker.Last().PlainText);

        Bot.Time.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        Assert.Contains("YesNo project", (await worker.SendAsync("/task")).PlainText);
        Assert.Contains($"suspend → Wati (100002) · #{first} 12h: too fast", (await admin.SendAsync("/audit")).PlainText);
        _ = second;
    }
}

public sealed class EmbeddedBanTests() : BanTests("Embedded");

public sealed class PostgresBanTests() : BanTests("Postgres");
