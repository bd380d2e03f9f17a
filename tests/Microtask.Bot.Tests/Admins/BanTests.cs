using System.Globalization;
using Microtask.Core;

namespace Microtask.Bot.Tests.Admins;

/// <summary>Bans and suspensions: the lease goes back at once, the worker is told, scope and expiry are respected.</summary>
public abstract class BanTests(string backend) : BotTest(backend, new Dictionary<string, string?>
{
    ["Microtask:Admins:Owners:0"] = "100001",
    ["Microtask:Payouts:Minimum"] = "100",
})
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
        Assert.Contains("Akun Anda diblokir sampai ", (await worker.SendAsync("/me")).PlainText);
        Assert.Contains("ban → Wati (100002) · 7d: spam answers", (await admin.SendAsync("/audit 100002")).PlainText);

        Bot.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var again = await worker.SendAsync("/task");
        Assert.Contains("item", again.PlainText);
    }

    [Fact]
    public async Task The_audit_log_shows_times_in_the_admins_own_zone()
    {
        var admin = await Bot.WorkerAsync("Owen");
        await Bot.WorkerAsync("Wati");
        await admin.SendAsync("/timezone Asia/Jayapura");
        await admin.SendAsync("/ban 100002 7d spam answers");

        var jayapura = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jayapura");
        var local = TimeZoneInfo.ConvertTime(Bot.Time.GetUtcNow(), jayapura).ToString("d MMM yyyy HH:mm", CultureInfo.GetCultureInfo("en"));
        var line = (await admin.SendAsync("/audit 100002")).PlainText;
        Assert.Contains($"{local} (Asia/Jayapura) · Owen", line, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unban_lifts_a_permanent_ban_at_once()
    {
        var admin = await Bot.WorkerAsync("Owen");
        var worker = await Bot.WorkerAsync("Wati");
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 2, overlap: 1);

        Assert.Equal("🚫 Wati (100002) is banned from the platform permanently.", (await admin.SendAsync("/ban 100002")).PlainText);
        Bot.Time.Advance(TimeSpan.FromDays(3650));
        Assert.StartsWith("Sorry, your account is blocked permanently.", (await worker.SendAsync("/task")).PlainText);

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

    [Fact]
    public async Task A_word_that_looks_like_a_ban_length_but_is_none_is_refused_and_bans_nobody()
    {
        var admin = await Bot.WorkerAsync("Owen");
        var worker = new Player(Bot, Bot.Emulator.CreateUser("Budi", "en", "budi_worker"));
        await worker.PressAsync(await worker.SendAsync("/start"), "c");
        var project = await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 2, overlap: 1);

        foreach (var (typed, word) in new[]
        {
            ("/ban 100002 0m test", "0m"), ("/ban @budi_worker 10y spam", "10y"), ("/ban 100002 90s", "90s"), ("/ban 100002 1.5h too fast", "1.5h"),
            ("/ban 100002 7 days", "7"), ($"/suspend 100002 {project} 10y spam", "10y"),
        })
        {
            var reply = (await admin.SendAsync(typed)).PlainText;
            Assert.StartsWith($"“{word}” is not a ban length.", reply);
            Assert.Contains("30m, 12h, 7d, 2w", reply);
        }

        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM bans"));
        Assert.Contains("item", (await worker.SendAsync("/task")).PlainText);
        await worker.SendAsync("/pause");

        Assert.Equal("🚫 Budi (@budi_worker, 100002) is banned from the platform permanently.", (await admin.SendAsync("/ban @budi_worker spam")).PlainText);
        Assert.StartsWith("🚫 Your access to tasks is blocked permanently.\nReason: spam", worker.Last().PlainText);
        Assert.StartsWith("🚫 Budi (@budi_worker, 100002) is suspended from project #", (await admin.SendAsync($"/suspend 100002 {project} 2W slow")).PlainText);
        var log = (await admin.SendAsync("/audit 100002")).PlainText;
        Assert.Contains("ban → Budi (100002) · permanent: spam", log);
        Assert.Contains($"suspend → Budi (100002) · #{project} 2w: slow", log);
    }

    [Fact]
    public async Task The_admin_hears_of_a_task_going_back_only_when_the_worker_had_one()
    {
        var admin = await Bot.WorkerAsync("Owen");
        var worker = await Bot.WorkerAsync("Wati");
        var project = await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 2, overlap: 1);

        Assert.DoesNotContain("went back", (await admin.SendAsync("/ban 100002 permanent")).PlainText);
        Assert.DoesNotContain("went back", (await admin.SendAsync($"/suspend 100002 {project} 1d")).PlainText);
        await admin.SendAsync("/unban 100002");
        await admin.SendAsync($"/unban 100002 {project}");

        await worker.SendAsync("/task");
        Assert.EndsWith("Their open task went back to the pool.", (await admin.SendAsync($"/suspend 100002 {project} 1d")).PlainText);
        await admin.SendAsync($"/unban 100002 {project}");
        await worker.SendAsync("/task");
        Assert.EndsWith("Their open task went back to the pool.", (await admin.SendAsync("/ban 100002 1d")).PlainText);
    }

    [Fact]
    public async Task Ban_ends_are_shown_in_the_workers_time_zone_and_in_the_admins()
    {
        var admin = await Bot.WorkerAsync("Owen");
        var worker = await Bot.WorkerAsync("Wati", "id");
        await worker.SendAsync("/timezone Asia/Jayapura");
        var until = Bot.Time.GetUtcNow() + TimeSpan.FromDays(1);
        var theirs = $"sampai {Local(until, "Asia/Jayapura", "id")} (Asia/Jayapura)";
        var ours = $"until {Local(until, "Asia/Jakarta", "en")} (Asia/Jakarta)";

        Assert.Equal($"🚫 Wati (100002) is banned from the platform {ours}.", (await admin.SendAsync("/ban 100002 1d spam")).PlainText);
        Assert.StartsWith($"🚫 Akses Anda ke tugas diblokir {theirs}.", worker.Last().PlainText);
        Assert.StartsWith($"Maaf, akun Anda diblokir {theirs}.", (await worker.SendAsync("/task")).PlainText);
        Assert.Contains($"diblokir {theirs}", (await worker.SendAsync("/me")).PlainText);
        Assert.Contains($"• platform {ours} — spam (in force)", (await admin.SendAsync("/user 100002")).PlainText);

        await admin.SendAsync("/timezone Europe/London");
        Assert.Contains($"• platform until {Local(until, "Europe/London", "en")} (Europe/London) — spam", (await admin.SendAsync("/user 100002")).PlainText);
    }

    [Fact]
    public async Task A_banned_worker_still_sees_and_withdraws_their_money_and_changes_language()
    {
        var admin = await Bot.WorkerAsync("Owen");
        var worker = await Bot.WorkerAsync("Wati", "id");
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 3, overlap: 1);
        var task = await worker.SendAsync("/task");
        for (var i = 0; i < 3; i++)
        {
            task = await worker.AnswerAsync(task);
        }

        await admin.SendAsync("/ban 100002 7d");
        Assert.Contains("Saldo Anda: Rp 300", (await worker.SendAsync("/balance")).PlainText);
        Assert.Contains("Penarikan #1 sebesar Rp 200", (await worker.SendAsync("/withdraw 200 gopay 081234567")).PlainText);
        var help = (await worker.SendAsync("/help")).PlainText;
        Assert.Contains("/balance", help);
        Assert.Contains("Selama akun Anda diblokir, Anda masih bisa memakai /balance, /withdraw, /language, /me, /help dan /appeal.", help);
        var choose = await worker.SendAsync("/language");
        Assert.Equal("Language set to English.", (await worker.PressAsync(choose, "l:en")).PlainText);
        Assert.StartsWith("Sorry, your account is blocked until ", (await worker.SendAsync("/task")).PlainText);
        Assert.Contains("/balance, /withdraw, /language", worker.Last().PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(amount) FROM ledger"));
    }

    private static string Local(DateTimeOffset at, string zone, string language) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("d MMM yyyy HH:mm", CultureInfo.GetCultureInfo(language));
}

public sealed class EmbeddedBanTests() : BanTests("Embedded");

public sealed class PostgresBanTests() : BanTests("Postgres");
