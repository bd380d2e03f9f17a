using Microtask.Bot.Workers;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Bot.Tests.Workers;

/// <summary>A lease's reminder (with one extension) and its end, as the worker sees them; the jobs invoked directly.</summary>
public abstract class LeaseTimerTests(string backend) : BotTest(backend)
{
    [Fact]
    public async Task The_worker_is_reminded_once_then_the_lease_ends_the_slot_returns_and_a_late_answer_is_refused()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 1, overlap: 1);
        var worker = await Bot.WorkerAsync("Sari");
        var task = await worker.SendAsync("/task");
        var id = await AssignmentAsync();

        Bot.Time.Advance(TimeSpan.FromMinutes(4));
        await Bot.Get<LeaseTickJob>().RunAsync();
        await Bot.Get<LeaseTickJob>().RunAsync(); // safe to run twice: still one reminder

        var reminders = worker.BotMessages().Where(m => m.PlainText.Contains("left on your task")).ToList();
        var reminder = Assert.Single(reminders);
        Assert.StartsWith("⏳ 1 min left on your task", reminder.PlainText);
        Assert.Equal("⏱ 5 min more", reminder.Keyboard[0][0].Text);

        Bot.Time.Advance(TimeSpan.FromMinutes(1));
        await Bot.Get<LeaseTickJob>().RunAsync();
        await Bot.Get<LeaseTickJob>().RunAsync();

        var shown = worker.Message(task.MessageId);
        Assert.Contains("Time is up for this task", shown.PlainText);
        Assert.Equal("▶️ Next task", Assert.Single(Assert.Single(shown.Keyboard)).Text);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT leases FROM tasks"));
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM assignments WHERE state = 'expired'"));

        await worker.ForgeAsync(task.MessageId, task.Keyboard[0][0].CallbackData!);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
        Assert.Contains("time for this task is up", worker.LastToast() ?? worker.Last().PlainText);

        // The reminder's Extend went with the lease; a press that was on its way is still refused kindly.
        Assert.Empty(worker.Message(reminder.MessageId).Keyboard);
        Assert.Equal(reminder.PlainText, worker.Message(reminder.MessageId).PlainText);
        await worker.ForgeAsync(reminder.MessageId, reminder.Keyboard[0][0].CallbackData!);
        Assert.Equal("This task cannot be extended now.", worker.LastToast());
    }

    [Fact]
    public async Task Extend_gives_one_more_time_limit_once_and_the_answer_then_counts()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 1, overlap: 1);
        var worker = await Bot.WorkerAsync("Alex");
        var task = await worker.SendAsync("/task");
        var id = await AssignmentAsync();
        Bot.Time.Advance(TimeSpan.FromMinutes(4.5));
        await Bot.Get<LeaseReminderJob>().RunAsync(id);
        var reminder = worker.Last();
        Assert.StartsWith("⏳ 30 s left", reminder.PlainText);

        await worker.PressAsync(reminder, reminder.Keyboard[0][0].CallbackData!);
        Assert.Equal("⏱ Extended: 5 min more for this task.", worker.LastToast());
        Assert.Empty(worker.Message(reminder.MessageId).Keyboard);
        await worker.ForgeAsync(reminder.MessageId, reminder.Keyboard[0][0].CallbackData!);
        Assert.Equal("This task cannot be extended now.", worker.LastToast());

        // The old end passes: the expiry job finds the lease not due and leaves it.
        Bot.Time.Advance(TimeSpan.FromMinutes(1));
        await Bot.Get<LeaseExpiryJob>().RunAsync(id);
        await worker.AnswerAsync(task);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
        Assert.DoesNotContain("Time is up", worker.Message(task.MessageId).PlainText);
    }

    [Fact]
    public async Task A_worker_who_answered_in_time_is_never_reminded()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 1, overlap: 1);
        var worker = await Bot.WorkerAsync("Rini");
        var task = await worker.SendAsync("/task");
        var id = await AssignmentAsync();
        await worker.AnswerAsync(task);

        Bot.Time.Advance(TimeSpan.FromMinutes(4));
        await Bot.Get<LeaseTickJob>().RunAsync();
        await Bot.Get<LeaseReminderJob>().RunAsync(id);
        Bot.Time.Advance(TimeSpan.FromMinutes(1));
        await Bot.Get<LeaseTickJob>().RunAsync();
        await Bot.Get<LeaseExpiryJob>().RunAsync(id);

        Assert.DoesNotContain(worker.BotMessages(), m => m.PlainText.Contains("left on your task") || m.PlainText.Contains("Time is up"));
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
    }

    /// <summary>
    /// The lease clock: claims whose reminders fall in the same second schedule one Hangfire job between them, not one
    /// each; two ticks running at once (two servers) remind each worker once and end each lease once.
    /// </summary>
    [Fact]
    public async Task Leases_due_in_one_second_share_one_tick_and_two_ticks_at_once_remind_and_end_each_lease_once()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 6, overlap: 1);
        var workers = new List<Player>();
        foreach (var name in new[] { "Sari", "Alex", "Rini", "Budi", "Dewi", "Eka" })
        {
            var worker = await Bot.WorkerAsync(name);
            await worker.SendAsync("/task");
            workers.Add(worker);
        }

        // The clock stands still, so all six reminders fall in one second: one job for them (it is created off the claim's path).
        var monitor = Bot.Get<Hangfire.JobStorage>().GetMonitoringApi();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (monitor.ScheduledCount() == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await Task.Delay(200);
        Assert.Equal(1, monitor.ScheduledCount());

        Bot.Time.Advance(TimeSpan.FromMinutes(4));
        await Task.WhenAll(Bot.Get<LeaseTickJob>().RunAsync(), Bot.Get<LeaseTickJob>().RunAsync());
        foreach (var worker in workers)
        {
            Assert.Single(worker.BotMessages(), m => m.PlainText.Contains("left on your task"));
        }

        Bot.Time.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(Bot.Get<LeaseTickJob>().RunAsync(), Bot.Get<LeaseTickJob>().RunAsync());
        foreach (var worker in workers)
        {
            Assert.Single(worker.BotMessages(), m => m.PlainText.Contains("Time is up"));
        }

        Assert.Equal(6, await Bot.ScalarAsync("SELECT COUNT(*) FROM assignments WHERE state = 'expired'"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(leases) FROM tasks"));
    }

    /// <summary>
    /// A lease shorter than twice the reminder's lead is reminded at half its time limit, however many ticks other
    /// workers' leases bring before that; the task says its limit in seconds, and the clock wakes for the reminder, then
    /// the end.
    /// </summary>
    [Fact]
    public async Task A_90_second_task_says_so_and_is_reminded_at_half_its_limit()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 1, overlap: 1, timeLimit: TimeSpan.FromSeconds(90));
        var worker = await Bot.WorkerAsync("Sari");
        var task = await worker.SendAsync("/task");
        Assert.Contains("⏱ 90 s to answer", task.PlainText);
        var store = Bot.Get<Storage.AssignmentStore>();
        var end = Bot.Time.GetUtcNow().AddSeconds(90);
        Assert.Equal(end.AddSeconds(-45).ToUnixTimeMilliseconds(), (await store.NextDueAsync(TimeSpan.FromMinutes(1)))?.ToUnixTimeMilliseconds());

        for (var second = 0; second < 39; second += 13)
        {
            Bot.Time.Advance(TimeSpan.FromSeconds(13));
            await Bot.Get<LeaseTickJob>().RunAsync();
        }

        Assert.DoesNotContain(worker.BotMessages(), m => m.PlainText.Contains("left on your task"));
        Bot.Time.Advance(TimeSpan.FromSeconds(6));
        await Bot.Get<LeaseTickJob>().RunAsync();
        var reminder = Assert.Single(worker.BotMessages(), m => m.PlainText.Contains("left on your task"));
        Assert.StartsWith("⏳ 45 s left on your task", reminder.PlainText);
        Assert.Equal("⏱ 90 s more", reminder.Keyboard[0][0].Text);
        Assert.Equal(end.ToUnixTimeMilliseconds(), (await store.NextDueAsync(TimeSpan.FromMinutes(1)))?.ToUnixTimeMilliseconds());

        Bot.Time.Advance(TimeSpan.FromSeconds(45));
        await Bot.Get<LeaseTickJob>().RunAsync();
        Assert.Contains("Time is up", worker.Message(task.MessageId).PlainText);
        Assert.Empty(worker.Message(reminder.MessageId).Keyboard);
        Assert.Null(await store.NextDueAsync(TimeSpan.FromMinutes(1)));
    }

    /// <summary>A lease so short that half of it is under the shortest useful notice gets no reminder, and still ends.</summary>
    [Fact]
    public async Task A_lease_too_short_for_a_useful_reminder_gets_none_and_still_ends()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 1, overlap: 1, timeLimit: TimeSpan.FromSeconds(20));
        var worker = await Bot.WorkerAsync("Sari", "id");
        var task = await worker.SendAsync("/task");
        Assert.Contains("⏱ 20 detik untuk menjawab", task.PlainText);
        var store = Bot.Get<Storage.AssignmentStore>();
        var end = Bot.Time.GetUtcNow().AddSeconds(20);
        Assert.Equal(end.ToUnixTimeMilliseconds(), (await store.NextDueAsync(TimeSpan.FromMinutes(1)))?.ToUnixTimeMilliseconds());

        for (var second = 0; second < 15; second += 5)
        {
            Bot.Time.Advance(TimeSpan.FromSeconds(5));
            await Bot.Get<LeaseTickJob>().RunAsync();
        }

        Assert.DoesNotContain(worker.BotMessages(), m => m.PlainText.StartsWith('⏳'));
        Bot.Time.Advance(TimeSpan.FromSeconds(5));
        await Bot.Get<LeaseTickJob>().RunAsync();
        Assert.Contains("Waktu untuk tugas ini habis", worker.Message(task.MessageId).PlainText);
        Assert.Null(await store.NextDueAsync(TimeSpan.FromMinutes(1)));
    }

    /// <summary>The clock's next wake for a lease long enough to be reminded is its reminder, then (once reminded) its end.</summary>
    [Fact]
    public async Task The_clocks_next_wake_is_the_reminder_then_the_end()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 1, overlap: 1);
        var worker = await Bot.WorkerAsync("Alex");
        await worker.SendAsync("/task");
        var store = Bot.Get<Storage.AssignmentStore>();
        var end = Bot.Time.GetUtcNow().AddMinutes(5);

        Assert.Equal(end.AddMinutes(-1).ToUnixTimeMilliseconds(), (await store.NextDueAsync(TimeSpan.FromMinutes(1)))?.ToUnixTimeMilliseconds());
        Bot.Time.Advance(TimeSpan.FromMinutes(4));
        await Bot.Get<LeaseTickJob>().RunAsync();
        Assert.Single(worker.BotMessages(), m => m.PlainText.Contains("left on your task"));
        Assert.Equal(end.ToUnixTimeMilliseconds(), (await store.NextDueAsync(TimeSpan.FromMinutes(1)))?.ToUnixTimeMilliseconds());
    }

    private Task<long> AssignmentAsync() => Bot.ScalarAsync("SELECT MIN(id) FROM assignments");
}

public sealed class EmbeddedLeaseTimerTests() : LeaseTimerTests("Embedded");

public sealed class PostgresLeaseTimerTests() : LeaseTimerTests("Postgres");
