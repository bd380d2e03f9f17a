using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using Microtask.Bot.Workers;
using Microtask.Core;
using Microtask.Storage;
using Microtask.Storage.Coordination;
using StackExchange.Redis;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Bot.Tests.Workers;

/// <summary>Daily limits over each worker's local day, and the daily reminder, through the emulator on both backends.</summary>
public abstract class DailyLimitTests(string backend) : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Quotas:PlatformDailyCap"] = $"{PlatformCap}" })
{
    private const int PlatformCap = 3;
    [Fact]
    public async Task Each_worker_gets_tasks_again_at_their_own_local_midnight()
    {
        // 14:30 UTC in January: 23:30 in Jayapura (UTC+9), 14:30 in London (UTC+0).
        Bot.Time.SetUtcNow(new DateTimeOffset(DateTime.UtcNow.Year + 2, 1, 15, 14, 30, 0, TimeSpan.Zero));
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 10);
        var papua = await Bot.WorkerAsync("Yohana");
        var london = await Bot.WorkerAsync("Oliver");
        Assert.Contains("Asia/Jayapura", (await papua.SendAsync("/timezone WIT")).PlainText);
        Assert.Contains("Europe/London", (await london.SendAsync("/timezone europe/london")).PlainText);
        await papua.SendAsync("/limit 2");
        await london.SendAsync("/limit 2");

        var papuaDone = await AnswerAsync(papua, 2);
        var londonDone = await AnswerAsync(london, 2);

        Assert.Contains("That's 2 answers today: your daily limit of 2 (your own limit) is reached", papuaDone.PlainText);
        Assert.Contains("starts at 00:00", papuaDone.PlainText);
        Assert.Contains("(Asia/Jayapura), in 30 min", papuaDone.PlainText);
        Assert.Contains("(Europe/London), in 9 h 30 min", londonDone.PlainText);
        Assert.Empty(papuaDone.Keyboard);

        Bot.Time.Advance(TimeSpan.FromMinutes(31)); // 00:01 in Jayapura, 15:01 in London
        Assert.Contains("Text: item", (await papua.SendAsync("/task")).PlainText);
        Assert.Contains("daily limit of 2", (await london.SendAsync("/task")).PlainText);
        var me = (await papua.SendAsync("/me")).PlainText;
        Assert.Contains("Today: 0 answers", me);
        Assert.Contains("Daily limit: 2 (your own limit)", me);
        Assert.Contains("Time zone: Asia/Jayapura", me);

        Bot.Time.Advance(TimeSpan.FromHours(9)); // 00:01 in London
        Assert.Contains("Text: item", (await london.SendAsync("/task")).PlainText);
        Assert.Equal(4, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
    }

    [Fact]
    public async Task The_lowest_of_the_platform_cap_the_project_cap_and_the_own_limit_applies()
    {
        await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Capped", "One a day", AnswerKind.YesNo, [], "<b>Text:</b> {{text}}", 100, 3, TimeSpan.FromMinutes(5), DailyCap: 1),
            Enumerable.Range(1, 5).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"capped {i}" })).ToList(),
            ProjectState.Active);
        var capped = await Bot.WorkerAsync("Citra");
        var afterCap = await AnswerAsync(capped, 1);
        Assert.Contains("no tasks for you right now", afterCap.PlainText); // the project's cap of 1: that project is done for today

        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 10);
        var ambitious = await Bot.WorkerAsync("Dewi");
        Assert.Contains("the platform's cap of 3 a day still applies", (await ambitious.SendAsync("/limit 5")).PlainText);
        var careful = await Bot.WorkerAsync("Eka");
        await careful.SendAsync("/limit 2");

        Assert.Contains("That's 3 answers today: your daily limit of 3 (the platform's daily cap)", (await AnswerAsync(ambitious, 3)).PlainText);
        Assert.Contains("That's 2 answers today: your daily limit of 2 (your own limit)", (await AnswerAsync(careful, 2)).PlainText);
        Assert.Contains("daily limit of 3", (await ambitious.SendAsync("/task")).PlainText);
        Assert.Contains("Today: 2 of 2 (your own limit)", (await careful.SendAsync("/limit")).PlainText);

        await careful.SendAsync("/limit off");
        Assert.Contains("Text: item", (await careful.SendAsync("/task")).PlainText);
        Assert.Contains("Send /limit with a number", (await careful.SendAsync("/limit 1001")).PlainText);
    }

    [Fact]
    public async Task A_reminder_comes_only_with_work_available_and_room_under_the_limit_and_once_a_day()
    {
        // A minute far from the real clock's, so the real Hangfire server does not fire this job meanwhile.
        var jakarta = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
        var at = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(12), jakarta).ToString("HH:mm");
        var other = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(13), jakarta).ToString("HH:mm");
        var idle = await Bot.WorkerAsync("Fajar");
        Assert.Contains($"every day at {at} (Asia/Jakarta)", (await idle.SendAsync($"/remind {at}")).PlainText);
        var job = Assert.Single(RecurringJobs(), j => j.Id == $"nudge:Asia/Jakarta:{at}");
        Assert.Equal("Asia/Jakarta", job.TimeZoneId);
        Assert.Equal($"{int.Parse(at[3..])} {int.Parse(at[..2])} * * *", job.Cron);

        var nothing = await NudgeAsync(at);
        Assert.Equal((0, 1), (nothing.Sent, nothing.NothingToDo));
        Assert.Empty(Nudges(idle));

        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 5);
        var full = await Bot.WorkerAsync("Gita");
        await full.SendAsync("/limit 1");
        await full.SendAsync($"/remind {at}");
        await AnswerAsync(full, 1);
        var later = await Bot.WorkerAsync("Hadi");
        await later.SendAsync($"/remind {other}");

        var run = await NudgeAsync(at);
        var again = await NudgeAsync(at); // safe to run twice: one reminder a day

        Assert.Equal((1, 1), (run.Sent, run.AtLimit));
        Assert.Equal(0, again.Sent);
        var nudge = Assert.Single(Nudges(idle));
        Assert.Equal("n", nudge.Keyboard[0][0].CallbackData);
        Assert.Empty(Nudges(full));
        Assert.Empty(Nudges(later));
        Assert.Contains($"every day at {at}", (await idle.SendAsync("/me")).PlainText);

        await idle.SendAsync("/remind off");
        Assert.Contains(RecurringJobs(), j => j.Id == $"nudge:Asia/Jakarta:{at}"); // Gita still wants it
        await full.SendAsync("/remind off");
        Assert.DoesNotContain(RecurringJobs(), j => j.Id == $"nudge:Asia/Jakarta:{at}");
        await later.SendAsync("/timezone Asia/Makassar");
        Assert.DoesNotContain(RecurringJobs(), j => j.Id == $"nudge:Asia/Jakarta:{other}");
        Assert.Contains(RecurringJobs(), j => j.Id == $"nudge:Asia/Makassar:{other}");
    }

    /// <summary>The real job server running a reminder job.</summary>
    [Fact]
    public async Task The_job_server_runs_the_reminder_job_a_worker_set()
    {
        var at = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(12), TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta")).ToString("HH:mm");
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 3);
        var worker = await Bot.WorkerAsync("Joko");
        await worker.SendAsync($"/remind {at}");

        Bot.Get<IRecurringJobManager>().Trigger($"nudge:Asia/Jakarta:{at}");

        var nudge = await Bot.WaitForJobMessageAsync(worker.Id, m => m.FromBot && m.PlainText.Contains("tasks waiting for you"), TimeSpan.FromSeconds(30));
        Assert.Equal("n", nudge.Keyboard[0][0].CallbackData);
    }

    [Fact]
    public async Task A_lost_daily_counter_is_rebuilt_from_the_answers()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 10);
        var worker = await Bot.WorkerAsync("Intan");
        await worker.SendAsync("/limit 3");
        await AnswerAsync(worker, 2);

        await LoseCountersAsync();
        var last = await AnswerAsync(worker, 1);

        Assert.Contains("That's 3 answers today: your daily limit of 3", last.PlainText);
        Assert.Contains("Today: 3 answers", (await worker.SendAsync("/me")).PlainText);
    }

    /// <summary>Answers <paramref name="count"/> tasks in a row from /task; returns the bot's message after the last answer.</summary>
    private static async Task<Sandbox.ChatMessage> AnswerAsync(Player player, int count)
    {
        var message = await player.SendAsync("/task");
        for (var i = 0; i < count; i++)
        {
            Assert.Contains("Text:", message.PlainText);
            message = await player.AnswerAsync(message);
        }

        return message;
    }

    private async Task<NudgeRun> NudgeAsync(string at)
    {
        await using var scope = Bot.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NudgeJob>().RunAsync("Asia/Jakarta", at);
    }

    private static List<Sandbox.ChatMessage> Nudges(Player player) =>
        player.BotMessages().Where(m => m.PlainText.Contains("tasks waiting for you")).ToList();

    private List<RecurringJobDto> RecurringJobs()
    {
        using var connection = Bot.Get<JobStorage>().GetConnection();
        return connection.GetRecurringJobs();
    }

    /// <summary>What FLUSHALL does to the counters, without touching other tests' keys in the shared Redis.</summary>
    private async Task LoseCountersAsync()
    {
        if (Bot.Get<IDailyCounters>() is InProcessDailyCounters local)
        {
            local.Clear();
            return;
        }

        var redis = Bot.Get<IConnectionMultiplexer>();
        var pattern = Bot.Get<IOptions<MicrotaskOptions>>().Value.RedisPrefix + "day:*";
        var deleted = 0;
        foreach (var endpoint in redis.GetEndPoints())
        {
            await foreach (var key in redis.GetServer(endpoint).KeysAsync(pattern: pattern))
            {
                deleted += await redis.GetDatabase().KeyDeleteAsync(key) ? 1 : 0;
            }
        }

        Assert.Equal(1, deleted);
    }
}

public sealed class EmbeddedDailyLimitTests() : DailyLimitTests("Embedded");

public sealed class PostgresDailyLimitTests() : DailyLimitTests("Postgres");
