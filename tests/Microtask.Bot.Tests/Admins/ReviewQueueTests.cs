using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Admins;

/// <summary>/appeal and /reports: reports and appeals reviewed one at a time, oldest first; buttons for admins only, decided once.</summary>
public abstract class ReviewQueueTests(string backend) : IAsyncLifetime
{
    private const string Unknown = "I don't know that command. /help lists what I can do.";
    private BotHarness bot = null!;

    public async Task InitializeAsync() => bot = await BotHarness.StartAsync(backend, new Dictionary<string, string?>
    {
        ["Microtask:Admins:Owners:0"] = "100001",
    });

    public async Task DisposeAsync() => await bot.DisposeAsync();

    [Fact]
    public async Task Reports_and_appeals_are_decided_one_at_a_time_oldest_first()
    {
        var admin = await bot.WorkerAsync("Owen");
        var requester = await bot.WorkerAsync("Rini");
        var reporter = await bot.WorkerAsync("Wati");
        var banned = await bot.WorkerAsync("Budi", "id");
        var requesterId = (await bot.Get<WorkerStore>().FindAsync(requester.Id))!.Id;
        var project = await bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Ulasan", "x", AnswerKind.YesNo, [], "{{text}}", 100, 1, TimeSpan.FromMinutes(5), requesterId),
            [new NewTask(new Dictionary<string, string> { ["text"] = "rude words" }), new NewTask(new Dictionary<string, string> { ["text"] = "b" })],
            ProjectState.Active);

        var task = await reporter.SendAsync("/task");
        var reasons = await reporter.PressAsync(task, task.Keyboard.SelectMany(r => r).Single(b => b.CallbackData!.StartsWith("r:")).CallbackData!);
        await reporter.PressAsync(reasons, reasons.Keyboard.SelectMany(r => r).First(b => b.CallbackData!.StartsWith("rr:")).CallbackData!);
        bot.Time.Advance(TimeSpan.FromSeconds(5));
        await admin.SendAsync("/ban 100004 3d");
        Assert.Equal("Tulis /appeal diikuti penjelasan Anda, dalam satu pesan.", (await banned.SendAsync("/appeal")).PlainText);
        Assert.StartsWith("📨 Banding Anda sudah dikirim", (await banned.SendAsync("/appeal I did nothing wrong")).PlainText);
        Assert.StartsWith("Banding Anda sebelumnya masih menunggu", (await banned.SendAsync("/appeal please")).PlainText);
        // The admins' alert goes out beside the appellant's reply: let it arrive before reading the admin's chat.
        await bot.Emulator.WaitForMessageAsync(admin.Id, m => m.PlainText.StartsWith("⚖️ New appeal from Budi"), TimeSpan.FromSeconds(15));

        var report = await admin.SendAsync("/reports");
        Assert.StartsWith("🚩 Report #1 · Offensive\nBy Wati (100003)", report.PlainText);
        Assert.Contains($"Project #{project} “Ulasan”, requester Rini (100002)", report.PlainText);
        Assert.Contains("rude words", report.PlainText);
        var pause = report.Keyboard.SelectMany(r => r).Single(b => b.Text == "Pause the project").CallbackData!;

        // A forged press by a worker is an unknown command to them and changes nothing.
        Assert.Equal(Unknown, (await reporter.ForgeAsync(task.MessageId, pause)).PlainText);
        Assert.Equal(0, await bot.ScalarAsync($"SELECT COUNT(*) FROM projects WHERE id = {project} AND state = 'Paused'"));

        var appeal = await admin.PressAsync(report, pause);
        Assert.EndsWith("→ The project was paused.", admin.Message(report.MessageId).PlainText);
        Assert.Equal(1, await bot.ScalarAsync($"SELECT COUNT(*) FROM projects WHERE id = {project} AND state = 'Paused'"));
        Assert.StartsWith("📨 Appeal #1 from Budi (100004)", appeal.PlainText);
        Assert.Contains("I did nothing wrong", appeal.PlainText);

        await admin.ForgeAsync(report.MessageId, pause);
        Assert.Equal("Already decided.", admin.LastToast());

        var empty = await admin.PressAsync(appeal, appeal.Keyboard.SelectMany(r => r).Single(b => b.Text == "Lift the ban").CallbackData!);
        Assert.Equal("✅ The review queue is empty.", empty.PlainText);
        Assert.StartsWith("✅ Banding Anda diterima", banned.Last().PlainText);
        Assert.DoesNotContain("diblokir", (await banned.SendAsync("/task")).PlainText);
        var log = (await admin.SendAsync("/audit")).PlainText;
        Assert.Contains("appeal-lift → Budi (100004) · appeal #1", log);
        Assert.Contains("pause-project → — · report #1: #" + project, log);
    }

    [Fact]
    public async Task Removing_a_reported_task_closes_its_slots_and_banning_the_requester_tells_them()
    {
        var admin = await bot.WorkerAsync("Owen");
        var requester = await bot.WorkerAsync("Rini");
        var reporter = await bot.WorkerAsync("Wati");
        var requesterId = (await bot.Get<WorkerStore>().FindAsync(requester.Id))!.Id;
        await bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Ulasan", "x", AnswerKind.YesNo, [], "{{text}}", 100, 3, TimeSpan.FromMinutes(5), requesterId),
            [new NewTask(new Dictionary<string, string> { ["text"] = "a" }), new NewTask(new Dictionary<string, string> { ["text"] = "b" })],
            ProjectState.Active);
        for (var i = 0; i < 2; i++)
        {
            var task = await reporter.SendAsync("/task");
            var reasons = await reporter.PressAsync(task, task.Keyboard.SelectMany(r => r).Single(b => b.CallbackData!.StartsWith("r:")).CallbackData!);
            await reporter.PressAsync(reasons, reasons.Keyboard.SelectMany(r => r).Last(b => b.CallbackData!.StartsWith("rr:")).CallbackData!);
        }

        var first = await admin.SendAsync("/reports");
        var second = await admin.PressAsync(first, first.Keyboard.SelectMany(r => r).Single(b => b.Text == "Remove the task").CallbackData!);
        Assert.Equal(0, await bot.ScalarAsync("SELECT overlap - answers - leases FROM tasks ORDER BY id LIMIT 1"));
        Assert.StartsWith("🚩 Report #2", second.PlainText);

        var empty = await admin.PressAsync(second, second.Keyboard.SelectMany(r => r).Single(b => b.Text == "Ban the requester").CallbackData!);
        Assert.Equal("✅ The review queue is empty.", empty.PlainText);
        Assert.Contains("→ Rini (100002) was banned permanently.", admin.Message(second.MessageId).PlainText);
        Assert.StartsWith("🚫 Your access to tasks is blocked permanently.", requester.Last().PlainText);
        Assert.StartsWith("Sorry, your account is blocked", (await requester.SendAsync("/projects")).PlainText);
    }
}

public sealed class EmbeddedReviewQueueTests() : ReviewQueueTests("Embedded");

public sealed class PostgresReviewQueueTests() : ReviewQueueTests("Postgres");
