using System.Text;
using Dapper;
using Hangfire;
using Microtask.Bot.Tests.Requesters;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Sandbox;
using Microtask.Storage;

using static Microtask.Bot.Tests.Workers.GoldCrowd;

namespace Microtask.Bot.Tests.Workers;

/// <summary>
/// When a worker's answers leave a project's results (suspended by its gold rule, or suspended or banned by an admin),
/// their tasks are offered again to other workers, once per answer, so the results end with every task's full count;
/// /progress says how many answers were left out and how many were answered again.
/// </summary>
public abstract class SlotReopeningTests(string backend) : BotTest(backend, Settings)
{
    private const long OwnerId = 100001;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Microtask:Admins:Owners:0"] = OwnerId.ToString(),
        ["Microtask:Requesters:0"] = OwnerId.ToString(),
        ["Microtask:Sender:PerChatBurst"] = "100", // dozens of answers in a row in one chat, faster than one a second
    };

    private Player owner = null!;

    protected override async Task StartedAsync()
    {
        owner = await Bot.WorkerAsync("Owen");
        Assert.Equal(OwnerId, owner.Id);
    }

    [Fact]
    public async Task A_random_clickers_tasks_are_offered_again_and_honest_workers_bring_every_task_to_its_full_count()
    {
        // The 300-task batch, smaller: overlap 3, judged after 4 gold answers, gold served once the rest is taken.
        var id = await ProjectAsync(QualityRules.Default with { MinAccuracy = 60, MinGold = 4 }, goldPercent: 0, gold: 6, ordinary: 12, overlap: 3);
        var clicker = await Bot.WorkerAsync("Cici");
        var random = new Random(20261207);

        // Random on the plain tasks, and unlucky on every gold one: suspended at the fourth.
        var given = await WorkAsync(clicker, task => task.PlainText.Contains("gold", StringComparison.Ordinal) ? (Right(task) + 1 + random.Next(3)) % 4 : random.Next(4));
        Assert.Equal(12 + 4, given);
        Assert.Contains(clicker.BotMessages(), m => m.PlainText.Contains("You are suspended from Gold project", StringComparison.Ordinal));
        await WaitForAsync($"SELECT COUNT(*) FROM reopened_slots WHERE project_id = {id}", 16);
        Assert.Equal(16, await Bot.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE project_id = {id} AND overlap = 4"));
        Assert.Contains(
            "Answers left out (suspended or banned workers): 16\nSlots offered again in their place: 16, answered since: 0",
            (await owner.SendAsync($"/progress {id}")).Caption);

        var honest = new List<Player>();
        for (var i = 0; i < 4; i++)
        {
            honest.Add(await Bot.WorkerAsync($"Honest {i}"));
        }

        var answered = 0;
        foreach (var worker in honest)
        {
            answered += await WorkAsync(worker, Right);
        }

        Assert.Equal(18 * 3, answered);
        Assert.Contains(
            "Answers left out (suspended or banned workers): 16\nSlots offered again in their place: 16, answered since: 16",
            (await owner.SendAsync($"/progress {id}")).Caption);

        // Every task ends with its three answers, all honest, and the aggregate is the right one.
        var results = await owner.SendAsync($"/results {id}");
        Assert.Contains($"Results of project #{id}: 18 tasks, 54 answers.", results.Caption);
        Assert.Contains("16 answers of 1 suspended or banned workers are left out", results.Caption);
        var rows = CsvRows.Parse(Encoding.UTF8.GetString(Bot.Emulator.DownloadDocument(owner.Id, results.MessageId)!.AsSpan(3)));
        var (text, answer, count) = (Array.IndexOf(rows[0], "text"), Array.IndexOf(rows[0], "answer"), Array.IndexOf(rows[0], "answers"));
        Assert.Equal(18, rows.Count - 1);
        foreach (var row in rows.Skip(1))
        {
            Assert.Equal("3", row[count]);
            Assert.Equal(row[text][row[text].IndexOf("pick ", StringComparison.Ordinal) + 5].ToString(), row[answer]);
        }
    }

    [Fact]
    public async Task An_admins_suspension_and_ban_offer_a_workers_tasks_again_once_even_after_an_unban()
    {
        var id = await ProjectAsync(QualityRules.Default, goldPercent: 0, gold: 0, ordinary: 4, overlap: 1);
        var worker = await Bot.WorkerAsync("Wati");
        var task = await worker.SendAsync("/task");
        task = await PickAsync(worker, task, Right(task));
        await PickAsync(worker, task, Right(task)); // two answered, the third task on screen

        await owner.SendAsync($"/suspend {worker.Id} {id} cheating");
        await WaitForAsync($"SELECT COUNT(*) FROM reopened_slots WHERE project_id = {id}", 2);
        Assert.Equal("2,2,1,1", await OverlapsAsync(id));

        // Unsuspended, the worker answers once more; banned from the platform, only that new answer is offered again.
        await owner.SendAsync($"/unban {worker.Id} {id}");
        var again = await worker.SendAsync("/task");
        await PickAsync(worker, again, Right(again));
        await owner.SendAsync($"/ban {worker.Id} cheating again");
        await WaitForAsync($"SELECT COUNT(*) FROM reopened_slots WHERE project_id = {id}", 3);
        Assert.Equal("2,2,2,1", await OverlapsAsync(id));

        Assert.Equal(4, await WorkAsync(await Bot.WorkerAsync("Hadi"), Right));
        var results = await owner.SendAsync($"/results {id}");
        Assert.Contains($"Results of project #{id}: 4 tasks, 4 answers.", results.Caption);
        Assert.Contains("3 answers of 1 suspended or banned workers are left out", results.Caption);
        Assert.Contains("Slots offered again in their place: 3, answered since: 3", (await owner.SendAsync($"/progress {id}")).Caption);
    }

    [Fact]
    public async Task A_project_that_starts_leaving_suspended_workers_answers_out_offers_their_slots_again()
    {
        var id = await ProjectAsync(QualityRules.Default with { ExcludeSuspended = false }, goldPercent: 0, gold: 0, ordinary: 3, overlap: 1);
        var worker = await Bot.WorkerAsync("Wati");
        var task = await worker.SendAsync("/task");
        await PickAsync(worker, task, Right(task));

        await owner.SendAsync($"/suspend {worker.Id} {id}");
        await WaitForJobAsync("RunAsync");
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM reopened_slots")); // the answers stay in the results

        Assert.Contains("answers of suspended or banned workers are left out of the results", (await owner.SendAsync($"/rules {id} exclude yes")).PlainText);
        await WaitForAsync($"SELECT COUNT(*) FROM reopened_slots WHERE project_id = {id}", 1);
        Assert.Equal("2,1,1", await OverlapsAsync(id));
    }

    /// <summary>Waits until Hangfire has run a <c>SlotReopenJob</c> method to its end.</summary>
    private async Task WaitForJobAsync(string method)
    {
        var monitor = Bot.Get<JobStorage>().GetMonitoringApi();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!monitor.SucceededJobs(0, 1000).Any(j => j.Value.Job?.Type.Name == "SlotReopenJob" && j.Value.Job.Method.Name == method))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"SlotReopenJob.{method} did not succeed");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the reopening job: until <paramref name="sql"/> counts <paramref name="expected"/>.</summary>
    private async Task WaitForAsync(string sql, long expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        long seen;
        while ((seen = await Bot.ScalarAsync(sql)) != expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{sql} gave {seen}, not {expected}");
            }

            await Task.Delay(50);
        }
    }

    private async Task<string> OverlapsAsync(long id)
    {
        await using var c = await Bot.Get<IDatabase>().OpenAsync(CancellationToken.None);
        return string.Join(",", await c.QueryAsync<long>($"SELECT overlap FROM tasks WHERE project_id = {id} ORDER BY id"));
    }

    private Task<long> ProjectAsync(QualityRules rules, int goldPercent, int gold, int ordinary, int overlap) =>
        GoldCrowd.ProjectAsync(Bot, OwnerId, rules, goldPercent, gold, ordinary, overlap);
}

public sealed class EmbeddedSlotReopeningTests() : SlotReopeningTests("Embedded");

public sealed class PostgresSlotReopeningTests() : SlotReopeningTests("Postgres");
