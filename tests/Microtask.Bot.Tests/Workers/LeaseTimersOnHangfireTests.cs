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

/// <summary>The real Hangfire server on each storage, on the real clock: the reminder and the end arrive by themselves.</summary>
public abstract class LeaseTimersOnHangfireTests(string backend)
    : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Leases:ReminderBefore"] = "00:00:08" }, realTime: true)
{
    /// <summary>
    /// Hangfire's default activator is the process-wide one that the host configured last: with hosts side by side, jobs
    /// were built from another host's services (a stopped one's, so they failed) and reminders never came.
    /// </summary>
    [Fact]
    public void Jobs_are_built_from_this_hosts_own_services() =>
        Assert.Same(Bot.Get<Hangfire.JobStorage>(), Bot.ActivatedForJobs(typeof(Hangfire.JobStorage)));

    /// <remarks>
    /// The reminder is due 8 s before the end of a 16 s lease: a reminder that runs after the end says nothing (the
    /// lease is over), and a loaded machine (the whole suite in parallel) has delayed Hangfire's scheduler by over 2 s.
    /// </remarks>
    [Fact]
    public async Task Reminder_then_time_up_fire_within_seconds_of_their_time()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 1, overlap: 1, timeLimit: TimeSpan.FromSeconds(16));
        var worker = await Bot.WorkerAsync("Sari");
        var task = await worker.SendAsync("/task");

        var reminder = await Bot.WaitForJobMessageAsync(worker.Id, m => m.PlainText.Contains("left on your task"), TimeSpan.FromSeconds(30));
        Assert.Equal("⏱ 16 s more", reminder.Keyboard[0][0].Text);
        await Bot.WaitForJobMessageAsync(worker.Id, m => m.MessageId == task.MessageId && m.PlainText.Contains("Time is up"), TimeSpan.FromSeconds(30));

        Assert.Equal(0, await Bot.ScalarAsync("SELECT leases FROM tasks"));
        Assert.Equal("expired", await StateAsync());
    }

    private async Task<string> StateAsync()
    {
        await using var c = await Bot.Get<Storage.IDatabase>().OpenAsync(CancellationToken.None);
        return (await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "SELECT state FROM assignments"))!;
    }
}

public sealed class EmbeddedLeaseTimersOnHangfireTests() : LeaseTimersOnHangfireTests("Embedded");

public sealed class PostgresLeaseTimersOnHangfireTests() : LeaseTimersOnHangfireTests("Postgres");
