using Microsoft.Extensions.Logging;
using Microtask.Bot.Tests.Telegram;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Admins;

/// <summary>
/// Admin and money commands fed 5,000 characters where a word is expected: each reply arrives, is not the failure
/// reply, quotes the user's words cut short, and keeps the rest of the text (its hints, its outcome) readable.
/// </summary>
public abstract class LongArgumentTests(string backend) : BotTest(backend, new Dictionary<string, string?>
{
    ["Microtask:Admins:Owners:0"] = "100001",
    ["Microtask:Payouts:Minimum"] = "100",
})
{
    private static readonly string Long = string.Concat(Enumerable.Repeat("spam ", 999)) + "tail!";
    private readonly CapturedLogs logs = new();
    private Player admin = null!;
    private Player worker = null!;

    protected override async Task StartedAsync()
    {
        Bot.Get<ILoggerFactory>().AddProvider(logs);
        admin = await Bot.WorkerAsync("Owen");
        worker = await Bot.WorkerAsync("Wati", "id");
    }

    public override async Task DisposeAsync()
    {
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        foreach (var player in new[] { admin, worker })
        {
            Assert.DoesNotContain(player.BotMessages(), m => m.PlainText.StartsWith("Sorry, something went wrong") || m.PlainText.StartsWith("Maaf, terjadi kesalahan"));
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_long_ban_reason_is_quoted_short_in_the_notice_the_profile_the_audit_log_and_the_appeal()
    {
        Assert.Equal(5000, Long.Length);
        await admin.SendAsync("/grant 100002");
        Assert.StartsWith("🚫 Wati (100002) is banned from the platform until ", (await admin.SendAsync("/ban 100002 7d " + Long)).PlainText);
        var notice = worker.Last().PlainText;
        Assert.Contains("Alasan: spam spam", notice);
        Assert.Contains("…", notice);
        Assert.EndsWith("admin akan membacanya.", notice);

        var profile = (await admin.SendAsync("/user 100002")).PlainText;
        Assert.Contains("…", profile);
        Assert.EndsWith("(in force)", profile);
        var log = (await admin.SendAsync("/audit")).PlainText;
        Assert.Contains("ban → Wati (100002) · 7d: spam spam", log);
        Assert.Contains("grant → Wati (100002) · requester", log);

        Assert.StartsWith("📨 Banding Anda sudah dikirim", (await worker.SendAsync("/appeal " + Long)).PlainText);
        await Bot.Emulator.WaitForMessageAsync(admin.Id, m => m.PlainText.StartsWith("⚖️ New appeal from Wati"), TimeSpan.FromSeconds(15));
        var card = await admin.SendAsync("/reports");
        Assert.StartsWith("📨 Appeal #1 from Wati (100002)", card.PlainText);
        Assert.True(card.PlainText.Length < 2000, $"{card.PlainText.Length} characters");
        await admin.PressAsync(card, card.Keyboard.SelectMany(r => r).Single(b => b.Text == "Keep it").CallbackData!);
        Assert.EndsWith("→ Kept; the appellant was told.", admin.Message(card.MessageId).PlainText);
    }

    [Fact]
    public async Task Five_thousand_characters_for_a_user_or_a_project_get_the_usage()
    {
        Assert.StartsWith("Usage: /ban", (await admin.SendAsync("/ban " + Long)).PlainText);
        Assert.StartsWith("Usage: /suspend", (await admin.SendAsync("/suspend 100002 " + Long)).PlainText);
        Assert.StartsWith("Usage: /unban", (await admin.SendAsync("/unban " + Long)).PlainText);
        Assert.StartsWith("Usage: /user", (await admin.SendAsync("/user " + Long)).PlainText);
        Assert.StartsWith("Usage: /audit", (await admin.SendAsync("/audit " + Long)).PlainText);
        Assert.StartsWith("Usage: /unpause", (await admin.SendAsync("/unpause " + Long)).PlainText);
        var ban = (await admin.SendAsync("/ban 100002 " + Long.Replace("spam", "9999y", StringComparison.Ordinal))).PlainText;
        Assert.StartsWith("“9999y” is not a ban length.", ban);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM bans"));
    }

    [Fact]
    public async Task A_report_on_a_long_task_shows_it_cut_short_and_the_decision_below_it()
    {
        // As long as a task a worker can be shown (its message within Telegram's 4,096 characters) may be.
        await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Ulasan", "x", AnswerKind.YesNo, [], "{{text}}", 100, 1, TimeSpan.FromMinutes(5)),
            [new NewTask(new Dictionary<string, string> { ["text"] = Long[..3900] })],
            ProjectState.Active);
        var task = await worker.SendAsync("/task");
        var reasons = await worker.PressAsync(task, task.Keyboard.SelectMany(r => r).Single(b => b.CallbackData!.StartsWith("r:")).CallbackData!);
        await worker.PressAsync(reasons, reasons.Keyboard.SelectMany(r => r).First(b => b.CallbackData!.StartsWith("rr:")).CallbackData!);

        var card = await admin.SendAsync("/reports");
        Assert.StartsWith("🚩 Report #1", card.PlainText);
        Assert.Contains("spam spam", card.PlainText);
        Assert.True(card.PlainText.Length < 2000, $"{card.PlainText.Length} characters");
        await admin.PressAsync(card, card.Keyboard.SelectMany(r => r).Single(b => b.Text == "Remove the task").CallbackData!);
        Assert.EndsWith("→ The task was taken out of the pool.", admin.Message(card.MessageId).PlainText);
    }

    [Fact]
    public async Task Long_words_in_money_commands_are_quoted_short()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, 3, overlap: 1);
        var task = await worker.SendAsync("/task");
        for (var i = 0; i < 3; i++)
        {
            task = await worker.AnswerAsync(task);
        }

        Assert.EndsWith("or the name is not unique.", (await admin.SendAsync($"/topup {Long} 500")).PlainText);
        var method = (await worker.SendAsync($"/withdraw 200 {Long.Replace(" ", "", StringComparison.Ordinal)} 081234567")).PlainText;
        Assert.StartsWith("Metode spamspam", method);
        Assert.EndsWith("tidak dikenal. Pilih salah satu: gopay, ovo, dana, bank.", method);
        Assert.Contains("Penarikan #1", (await worker.SendAsync("/withdraw 200 gopay 081234567")).PlainText);
        await Bot.Emulator.WaitForMessageAsync(admin.Id, m => m.PlainText.Contains("(request #1)"), TimeSpan.FromSeconds(15));

        var done = (await admin.SendAsync("/payouts reject 1 " + Long)).PlainText;
        Assert.Equal("No withdrawal is waiting.", done);
        Assert.StartsWith("↩️ Withdrawal #1 (Rp 200) rejected", admin.BotMessages()[^2].PlainText);
        var told = worker.Last().PlainText;
        Assert.Contains("ditolak: spam spam", told);
        Assert.EndsWith("Uangnya sudah kembali ke saldo Anda.", told);
        Assert.StartsWith(
            "A broadcast can be at most 4,000 characters as workers read it; this one has 5,000.",
            (await admin.SendAsync("/broadcast " + Long)).PlainText);
    }
}

public sealed class EmbeddedLongArgumentTests() : LongArgumentTests("Embedded");

public sealed class PostgresLongArgumentTests() : LongArgumentTests("Postgres");
