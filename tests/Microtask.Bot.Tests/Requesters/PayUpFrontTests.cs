using Microtask.Bot.Requesters;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>
/// Pay shown up front: the wizard asks the time a task takes and says what an hour pays, against the pay floor; workers
/// read reward, time and pay per hour on every task in their own number format; the measured median replaces the
/// estimate and a project it shows below the floor is told once, with a one-tap raise; /me and /balance show the
/// worker's own last 7 days.
/// </summary>
public abstract class PayUpFrontTests(string backend) : BotTest(backend, Settings)
{
    private const long RequesterId = 100001;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Microtask:Requesters:0"] = RequesterId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Microtask:Admins:Owners:0"] = "100002",
    };

    private Player requester = null!;
    private Player admin = null!;

    protected override async Task StartedAsync()
    {
        requester = await Bot.WorkerAsync("Rini", "en");
        admin = await Bot.WorkerAsync("Owen", "en");
        var id = (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
        await Bot.Get<LedgerStore>().TopupAsync(id, 100_000);
    }

    [Fact]
    public async Task The_wizard_says_what_an_hour_pays_and_offers_the_reward_that_meets_the_floor()
    {
        await requester.SendAsync("/newproject");
        foreach (var answer in new[] { "Reviews", "Good?", "2", "{{text}}", "50" })
        {
            await requester.SendAsync(answer);
        }

        // 50 for 20 s is 9,000 an hour, below the default floor of 17,217: 17,217 × 20 / 3,600 = 95.65, so 96 meets it.
        var warned = await requester.SendAsync("20s");
        Assert.StartsWith("💰 At about 20 s a task, a worker earns about Rp 9,000 an hour.\n⚠️ That is below the pay floor of Rp 17,217 an hour. A reward of Rp 96 would meet it", warned.PlainText);
        Assert.Contains("7/11 · Overlap", warned.PlainText);
        Assert.Equal("💰 Pay Rp 96 per answer", warned.Keyboard[0][0].Text);

        var taken = await requester.PressAsync(warned, warned.Keyboard[0][0].CallbackData!);
        Assert.StartsWith("💰 At about 20 s a task, a worker earns about Rp 17,280 an hour.\n\n7/11 · Overlap", taken.PlainText);
        // The old button, pressed again, changes nothing more.
        await requester.PressAsync(warned, warned.Keyboard[0][0].CallbackData!);
        Assert.Equal("That question was already answered.", requester.LastToast());

        foreach (var answer in new[] { "3", "5m", "none", "default", "1000" })
        {
            await requester.SendAsync(answer);
        }

        Assert.Equal(96, await Bot.ScalarAsync("SELECT reward FROM projects"));
        Assert.Equal(20, await Bot.ScalarAsync("SELECT estimated_seconds FROM projects"));
        var preview = requester.BotMessages()[^2];
        Assert.Contains("💰 Rp 96 per answer · about 20 s each (the requester's estimate) · ≈ Rp 17,280 an hour\n⏱ 5 min to answer", preview.PlainText);
    }

    [Fact]
    public async Task A_project_above_the_floor_gets_no_warning()
    {
        await requester.SendAsync("/newproject");
        foreach (var answer in new[] { "Reviews", "Good?", "2", "{{text}}", "200" })
        {
            await requester.SendAsync(answer);
        }

        var next = await requester.SendAsync("30");
        Assert.Equal(
            "💰 At about 30 s a task, a worker earns about Rp 24,000 an hour.\n\n7/11 · Overlap: how many workers should answer each task (1–20)? 3 is usual; 3 or more lets the results use Dawid–Skene. "
            + "Or a range and a target, e.g. 2-5 until 90%: each task gets 2 answers, then one more at a time, up to 5, while fewer than 90% of its answers agree and more could still change its answer. With until 100% a task stops only once more answers could not change it.",
            next.PlainText);
        Assert.Empty(next.Keyboard);
    }

    [Fact]
    public async Task Workers_read_reward_time_and_pay_per_hour_in_their_own_format()
    {
        await ProjectAsync(reward: 150, estimate: 30, tasks: 2);
        var english = await Bot.WorkerAsync("Budi", "en");
        var indonesian = await Bot.WorkerAsync("Wati", "id");

        Assert.Contains("💰 Rp 150 per answer · about 30 s each (the requester's estimate) · ≈ Rp 18,000 an hour", (await english.SendAsync("/task")).PlainText);
        Assert.Contains("💰 Rp 150 per jawaban · sekitar 30 detik per tugas (perkiraan pemesan) · ≈ Rp 18.000 per jam", (await indonesian.SendAsync("/task")).PlainText);
    }

    [Fact]
    public async Task The_measured_time_replaces_the_estimate_and_a_project_below_the_floor_is_told_once()
    {
        var project = await ProjectAsync(reward: 100, estimate: 20, tasks: 40);
        var worker = await Bot.WorkerAsync("Budi", "id");

        // 35 answers, each a minute after its task arrived: the median is 60 s, so an hour pays 6,000.
        var task = await worker.SendAsync("/task");
        for (var i = 0; i < 35; i++)
        {
            Bot.Time.Advance(TimeSpan.FromSeconds(60));
            await worker.AnswerAsync(task);
            task = worker.Last();
        }

        await Bot.Get<PayRateJob>().RunAsync();
        Assert.Equal(60, await Bot.ScalarAsync($"SELECT measured_seconds FROM projects WHERE id = {project}"));
        var notice = requester.Last();
        Assert.Equal(
            $"⚠️ Project #{project} “Reviews”: its tasks take about 1 min (the median of 35 answers), so an hour pays about Rp 6,000, below the pay floor of Rp 17,217. A reward of Rp 287 per answer would meet it. Raise it with the button, or with /reward.",
            notice.PlainText);
        var count = requester.BotMessages().Count;
        await Bot.Get<PayRateJob>().RunAsync();
        Assert.Equal(count, requester.BotMessages().Count);

        Assert.EndsWith($"Below the pay floor of Rp 17,217 an hour (measured): #{project} Reviews (Rp 6,000)", (await admin.SendAsync("/stats")).PlainText);

        Assert.Equal("💰 Raise the reward to Rp 287", notice.Keyboard[0][0].Text);
        var raised = await requester.PressAsync(notice, notice.Keyboard[0][0].CallbackData!);
        Assert.Equal($"💰 Project #{project} now pays Rp 287 per answer, from the next answer on. An hour of its tasks pays about Rp 17,220.", raised.PlainText);
        Assert.Equal(287, await Bot.ScalarAsync($"SELECT reward FROM projects WHERE id = {project}"));
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'reward'"));
        Assert.DoesNotContain("Below the pay floor", (await admin.SendAsync("/stats")).PlainText);

        // The next task shows the new reward and the measured time, no longer called an estimate.
        Bot.Time.Advance(TimeSpan.FromSeconds(60));
        await worker.AnswerAsync(task);
        Assert.Contains("💰 Rp 287 per jawaban · sekitar 1 menit per tugas · ≈ Rp 17.220 per jam", worker.Last().PlainText);

        // The worker's own last 7 days: 35 × 100 + 287 over 36 minutes, 6,311.7 an hour, in whole rupiah.
        Assert.Contains("📈 7 hari terakhir Anda: Rp 6.311 per jam (36 jawaban", (await worker.SendAsync("/me")).PlainText);
        Assert.Contains("📈 7 hari terakhir Anda: Rp 6.311 per jam", (await worker.SendAsync("/balance")).PlainText);
    }

    [Fact]
    public async Task A_reward_is_only_raised_and_bad_input_changes_nothing()
    {
        var project = await ProjectAsync(reward: 100, estimate: 20, tasks: 1);
        const string Usage = "Send /reward project amount";

        Assert.Contains(Usage, (await requester.SendAsync("/reward")).PlainText);
        Assert.Contains(Usage, (await requester.SendAsync($"/reward {project}")).PlainText);
        Assert.Contains(Usage, (await requester.SendAsync($"/reward {project} -5")).PlainText);
        Assert.Contains(Usage, (await requester.SendAsync($"/reward {project} lots")).PlainText);
        Assert.Equal($"You have no project #{project + 1}.", (await requester.SendAsync($"/reward {project + 1} 500")).PlainText);
        Assert.StartsWith($"Project #{project} pays Rp 100 per answer. A reward can only be raised", (await requester.SendAsync($"/reward {project} 100")).PlainText);
        Assert.StartsWith($"Project #{project} pays Rp 100 per answer. A reward can only be raised", (await requester.SendAsync($"/reward {project} 90")).PlainText);
        var stranger = await Bot.WorkerAsync("Budi");
        Assert.StartsWith("I don't know that command.", (await stranger.SendAsync($"/reward {project} 500")).PlainText);
        Assert.Equal(100, await Bot.ScalarAsync($"SELECT reward FROM projects WHERE id = {project}"));

        Assert.Equal($"💰 Project #{project} now pays Rp 250 per answer, from the next answer on. An hour of its tasks pays about Rp 45,000.", (await requester.SendAsync($"/reward #{project} 250")).PlainText);
        Assert.Equal(250, await Bot.ScalarAsync($"SELECT reward FROM projects WHERE id = {project}"));
    }

    private async Task<long> ProjectAsync(long reward, int estimate, int tasks)
    {
        var owner = (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
        return await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Reviews", "Is it good?", AnswerKind.YesNo, [], "{{text}}", reward, 1, TimeSpan.FromMinutes(5), RequesterId: owner, Budget: 50_000)
            {
                EstimatedSeconds = estimate,
            },
            Enumerable.Range(1, tasks).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"item {i}" })).ToList(),
            ProjectState.Active);
    }
}

public sealed class EmbeddedPayUpFrontTests() : PayUpFrontTests("Embedded");

public sealed class PostgresPayUpFrontTests() : PayUpFrontTests("Postgres");

/// <summary>Where the floor is enforced, the wizard asks the reward again instead of warning.</summary>
public sealed class PayFloorRefusedTests() : BotTest("Embedded", Settings)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Microtask:Requesters:0"] = "100001",
        ["Microtask:Pay:BelowFloor"] = "Refuse",
    };

    [Fact]
    public async Task A_reward_below_the_floor_is_asked_again()
    {
        var requester = await Bot.WorkerAsync("Rini", "id");
        await requester.SendAsync("/newproject");
        foreach (var answer in new[] { "Ulasan", "Baik?", "2", "{{text}}", "50" })
        {
            await requester.SendAsync(answer);
        }

        var refused = await requester.SendAsync("20s");
        Assert.Equal(
            "💰 Dengan sekitar 20 detik per tugas, pekerja mendapat sekitar Rp 9.000 per jam.\n❌ Itu di bawah batas bayaran minimum Rp 17.217 per jam, yang tidak diizinkan bot ini. Kirim imbalan minimal Rp 96 (atau waktu yang lebih singkat sesudahnya).",
            refused.PlainText);
        Assert.Contains("6/11", (await requester.SendAsync("96")).PlainText);
        Assert.Contains("7/11", (await requester.SendAsync("20s")).PlainText);
    }
}
