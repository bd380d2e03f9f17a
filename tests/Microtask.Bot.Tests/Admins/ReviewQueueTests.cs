using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Admins;

/// <summary>/appeal and /reports: reports and appeals reviewed one at a time, oldest first; buttons for admins only, decided once.</summary>
public abstract class ReviewQueueTests(string backend) : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Admins:Owners:0"] = "100001" })
{
    private const string Unknown = "I don't know that command. /help lists what I can do.";
    [Fact]
    public async Task Reports_and_appeals_are_decided_one_at_a_time_oldest_first()
    {
        var admin = await Bot.WorkerAsync("Owen");
        var requester = await Bot.WorkerAsync("Rini");
        var reporter = await Bot.WorkerAsync("Wati");
        var banned = await Bot.WorkerAsync("Budi", "id");
        var project = await ProjectOfAsync(requester, overlap: 1);
        var task = await ReportAsync(reporter);
        Bot.Time.Advance(TimeSpan.FromSeconds(5));
        await admin.SendAsync("/ban 100004 3d");
        Assert.Equal("Tulis /appeal diikuti penjelasan Anda, dalam satu pesan.", (await banned.SendAsync("/appeal")).PlainText);
        Assert.StartsWith("📨 Banding Anda sudah dikirim", (await banned.SendAsync("/appeal I did nothing wrong")).PlainText);
        Assert.StartsWith("Banding Anda sebelumnya masih menunggu", (await banned.SendAsync("/appeal please")).PlainText);
        // The admins' alert goes out beside the appellant's reply: let it arrive before reading the admin's chat.
        await Bot.Emulator.WaitForMessageAsync(admin.Id, m => m.PlainText.StartsWith("⚖️ New appeal from Budi"), TimeSpan.FromSeconds(15));

        var report = await admin.SendAsync("/reports");
        Assert.StartsWith("🚩 Report #1 · Offensive\nBy Wati (100003)", report.PlainText);
        Assert.Contains($"Project #{project} “Ulasan”, requester Rini (100002)", report.PlainText);
        Assert.Contains("rude words", report.PlainText);
        var pause = report.Keyboard.SelectMany(r => r).Single(b => b.Text == "Pause the project").CallbackData!;

        // A forged press by a worker is an unknown command to them and changes nothing.
        Assert.Equal(Unknown, (await reporter.ForgeAsync(task.MessageId, pause)).PlainText);
        Assert.Equal(0, await Bot.ScalarAsync($"SELECT COUNT(*) FROM projects WHERE id = {project} AND state = 'Paused'"));

        var appeal = await admin.PressAsync(report, pause);
        Assert.EndsWith($"→ The project was paused; /unpause {project} resumes it.", admin.Message(report.MessageId).PlainText);
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM projects WHERE id = {project} AND state = 'Paused'"));
        Assert.StartsWith("📨 Appeal #1 from Budi (100004)", appeal.PlainText);
        Assert.Contains("Against:\n• platform until ", appeal.PlainText);
        Assert.Contains("I did nothing wrong", appeal.PlainText);

        await admin.ForgeAsync(report.MessageId, pause);
        Assert.Equal("Already decided.", admin.LastToast());

        var empty = await admin.PressAsync(appeal, appeal.Keyboard.SelectMany(r => r).Single(b => b.Text == "Lift it").CallbackData!);
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
        var admin = await Bot.WorkerAsync("Owen");
        var requester = await Bot.WorkerAsync("Rini");
        var reporter = await Bot.WorkerAsync("Wati");
        await ProjectOfAsync(requester, overlap: 3);
        for (var i = 0; i < 2; i++)
        {
            await ReportAsync(reporter, lastReason: true);
        }

        var first = await admin.SendAsync("/reports");
        var second = await admin.PressAsync(first, first.Keyboard.SelectMany(r => r).Single(b => b.Text == "Remove the task").CallbackData!);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT overlap - answers - leases FROM tasks ORDER BY id LIMIT 1"));
        Assert.StartsWith("🚩 Report #2", second.PlainText);

        var empty = await admin.PressAsync(second, second.Keyboard.SelectMany(r => r).Single(b => b.Text == "Ban the requester").CallbackData!);
        Assert.Equal("✅ The review queue is empty.", empty.PlainText);
        Assert.Contains("→ Rini (100002) was banned permanently.", admin.Message(second.MessageId).PlainText);
        Assert.StartsWith("🚫 Your access to tasks is blocked permanently.", requester.Last().PlainText);
        Assert.StartsWith("Sorry, your account is blocked", (await requester.SendAsync("/projects")).PlainText);
    }
    [Fact]
    public async Task Only_a_worker_under_a_ban_or_suspension_may_appeal_and_the_card_names_it()
    {
        var admin = await Bot.WorkerAsync("Owen");
        var worker = await Bot.WorkerAsync("Wati");
        var project = await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 2, overlap: 1);

        Assert.Equal("You have no ban, suspension or paused project in force, so there is nothing to appeal.", (await worker.SendAsync("/appeal let me in")).PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM appeals"));

        await admin.SendAsync($"/suspend 100002 {project} 2d too fast");
        await admin.SendAsync("/ban 100002 3d spam");
        Assert.StartsWith("📨 Your appeal has been sent", (await worker.SendAsync("/appeal I read every item")).PlainText);
        await Bot.Emulator.WaitForMessageAsync(admin.Id, m => m.PlainText.StartsWith("⚖️ New appeal from Wati"), TimeSpan.FromSeconds(15));
        var card = (await admin.SendAsync("/reports")).PlainText;
        Assert.Contains("• platform until ", card);
        Assert.Contains(" — spam", card);
        Assert.Contains($"• #{project} until ", card);
        Assert.Contains(" — too fast", card);
        Assert.EndsWith("I read every item", card);

        // A ban that ended before the admin looked is no longer named.
        Bot.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        card = (await admin.SendAsync("/reports")).PlainText;
        Assert.DoesNotContain("too fast", card);
        Assert.Contains(" — spam", card);
    }

    [Fact]
    public async Task A_project_an_admin_paused_is_the_admins_to_resume()
    {
        var admin = await Bot.WorkerAsync("Owen");
        var requester = await Bot.WorkerAsync("Rini");
        var reporter = await Bot.WorkerAsync("Wati");
        await admin.SendAsync("/grant 100002");
        var project = await ProjectOfAsync(requester, overlap: 1);
        await ReportAsync(reporter);

        // Paused by its requester first: the admin's pause still makes it the admin's.
        Assert.Contains("paused", (await requester.SendAsync($"/pause {project}")).PlainText);
        var report = await admin.SendAsync("/reports");
        await admin.PressAsync(report, report.Keyboard.SelectMany(r => r).Single(b => b.Text == "Pause the project").CallbackData!);
        Assert.EndsWith($"→ The project was paused; /unpause {project} resumes it.", admin.Message(report.MessageId).PlainText);
        Assert.StartsWith($"⏸ Project #{project} “Ulasan” was paused by an admin after a report on its tasks", requester.Last().PlainText);

        var refused = (await requester.SendAsync($"/resume {project}")).PlainText;
        Assert.StartsWith($"⏸ Project #{project} “Ulasan” was paused by an admin", refused);
        Assert.Contains("/appeal", refused);
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM projects WHERE id = {project} AND state = 'Paused'"));

        Assert.StartsWith("📨 Your appeal has been sent", (await requester.SendAsync("/appeal the words were a quote")).PlainText);
        await Bot.Emulator.WaitForMessageAsync(admin.Id, m => m.PlainText.StartsWith("⚖️ New appeal from Rini"), TimeSpan.FromSeconds(15));
        var appeal = (await admin.SendAsync("/reports")).PlainText;
        Assert.Contains($"• project #{project} “Ulasan”, paused by an admin", appeal);

        Assert.Equal("Usage: /unpause <project id>", (await admin.SendAsync("/unpause")).PlainText);
        Assert.Equal(Unknown, (await requester.SendAsync($"/unpause {project}")).PlainText);
        Assert.Equal($"▶️ Project #{project} “Ulasan” is running again.", (await admin.SendAsync($"/unpause {project}")).PlainText);
        Assert.StartsWith($"▶️ An admin resumed your project #{project} “Ulasan”", requester.Last().PlainText);
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM projects WHERE id = {project} AND state = 'Active'"));
        Assert.Equal($"Project #{project} is not held by an admin.", (await admin.SendAsync($"/unpause {project}")).PlainText);
        Assert.Contains($"unpause-project → — · #{project}", (await admin.SendAsync("/audit")).PlainText);

        // Paused by its requester again, it is theirs to resume.
        await requester.SendAsync($"/pause {project}");
        Assert.Equal($"▶️ Project #{project} is active again.", (await requester.SendAsync($"/resume {project}")).PlainText);
    }

    /// <summary>Project “Ulasan” of the requester, with the tasks "rude words" and "b".</summary>
    private async Task<long> ProjectOfAsync(Player requester, int overlap)
    {
        var requesterId = (await Bot.Get<WorkerStore>().FindAsync(requester.Id))!.Id;
        return await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Ulasan", "x", AnswerKind.YesNo, [], "{{text}}", 100, overlap, TimeSpan.FromMinutes(5), requesterId),
            [new NewTask(new Dictionary<string, string> { ["text"] = "rude words" }), new NewTask(new Dictionary<string, string> { ["text"] = "b" })],
            ProjectState.Active);
    }

    /// <summary>The worker takes a task and reports it, for the first reason offered (or the last); the task's message.</summary>
    private static async Task<Sandbox.ChatMessage> ReportAsync(Player reporter, bool lastReason = false)
    {
        var task = await reporter.SendAsync("/task");
        var reasons = await reporter.PressAsync(task, task.Keyboard.SelectMany(r => r).Single(b => b.CallbackData!.StartsWith("r:")).CallbackData!);
        var offered = reasons.Keyboard.SelectMany(r => r).Where(b => b.CallbackData!.StartsWith("rr:")).ToList();
        await reporter.PressAsync(reasons, (lastReason ? offered[^1] : offered[0]).CallbackData!);
        return task;
    }
}


public sealed class EmbeddedReviewQueueTests() : ReviewQueueTests("Embedded");

public sealed class PostgresReviewQueueTests() : ReviewQueueTests("Postgres");
