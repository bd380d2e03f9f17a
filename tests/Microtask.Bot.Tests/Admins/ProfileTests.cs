using Microtask.Core;

namespace Microtask.Bot.Tests.Admins;

/// <summary>/user and /stats: what admins see of one worker and of the platform now.</summary>
public abstract class ProfileTests(string backend) : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Admins:Owners:0"] = "100001" })
{
    [Fact]
    public async Task User_shows_answers_reports_bans_and_balance()
    {
        var admin = await Bot.WorkerAsync("Owen");
        var worker = await Bot.WorkerAsync("Wati");
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 3, overlap: 1);
        await worker.AnswerAsync(await worker.SendAsync("/task"));
        var next = worker.Last();
        await worker.PressAsync(next, next.Keyboard.SelectMany(r => r).Single(b => b.CallbackData!.StartsWith("r:")).CallbackData!);
        await worker.PressAsync(worker.Last(), worker.Last().Keyboard.SelectMany(r => r).First(b => b.CallbackData!.StartsWith("rr:")).CallbackData!);
        await admin.SendAsync("/suspend 100002 1 2d sloppy");

        var profile = (await admin.SendAsync("/user 100002")).PlainText;
        Assert.StartsWith("👤 Wati (100002) · en · worker", profile);
        Assert.Contains("Answers: 1 (1 in the last 24 hours)", profile);
        Assert.Contains("Gold accuracy: — (0 of 0 right)", profile);
        Assert.Contains("Reports raised: 1", profile);
        Assert.Contains("Balance: ", profile);
        Assert.Contains("• #1 until ", profile);
        Assert.Contains("— sloppy (in force)", profile);
        Assert.StartsWith("👤 Owen (100001) · en · owner", (await admin.SendAsync("/user 100001")).PlainText);
    }

    [Fact]
    public async Task Stats_counts_the_last_hour_and_day_open_slots_live_leases_and_failing_jobs()
    {
        var admin = await Bot.WorkerAsync("Owen");
        var worker = await Bot.WorkerAsync("Wati");
        var other = await Bot.WorkerAsync("Budi");
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 3, overlap: 2);
        await worker.AnswerAsync(await worker.SendAsync("/task"));
        await other.SendAsync("/task");

        var stats = (await admin.SendAsync("/stats")).PlainText;
        Assert.Contains("Workers active in the last 24 hours: 1\nAnswers in the last hour: 1\nAnswers in the last 24 hours: 1", stats);
        Assert.Contains("Tasks waiting (open answer slots): 3\nLeases live: 2\nFailing jobs: 0", stats);

        Bot.Time.Advance(TimeSpan.FromHours(2));
        Assert.Contains("Answers in the last hour: 0\nAnswers in the last 24 hours: 1", (await admin.SendAsync("/stats")).PlainText);
    }
}

public sealed class EmbeddedProfileTests() : ProfileTests("Embedded");

public sealed class PostgresProfileTests() : ProfileTests("Postgres");
