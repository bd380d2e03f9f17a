using Microtask.Bot.Admins;
using Microtask.Bot.Requesters;
using Microtask.Core;
using Microtask.Storage;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>/digest and the daily jobs: the requester's digest and the owners' summary, once a day each, in their language.</summary>
public abstract class DailyNoticeTests(string backend) : BotTest(backend, Settings)
{
    private const long RequesterId = 100001;
    private const long OwnerId = 100002;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Microtask:Requesters:0"] = RequesterId.ToString(),
        ["Microtask:Admins:Owners:0"] = OwnerId.ToString(),
    };

    [Fact]
    public async Task A_requester_who_asks_gets_one_digest_a_day_and_none_after_turning_it_off()
    {
        var requester = await Bot.WorkerAsync("Rini", "id");
        var owner = await Bot.WorkerAsync("Owen", "en");
        Assert.Equal(OwnerId, owner.Id);
        var requesterWorker = (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
        await Bot.Get<LedgerStore>().TopupAsync(requesterWorker, 10_000);
        var id = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Ulasan", "x", AnswerKind.YesNo, [], "{{text}}", 100, 1, TimeSpan.FromMinutes(5), requesterWorker, Budget: 10_000),
            [new NewTask(new Dictionary<string, string> { ["text"] = "a" }), new NewTask(new Dictionary<string, string> { ["text"] = "b" })],
            ProjectState.Active);
        var worker = await Bot.WorkerAsync("Wati");
        await worker.AnswerAsync(await worker.SendAsync("/task"));

        Assert.Contains("Ringkasan harian Anda nonaktif", (await requester.SendAsync("/digest")).PlainText);
        Assert.Contains("Ringkasan harian aktif: setiap hari pukul 09.00", (await requester.SendAsync("/digest on")).PlainText);
        Assert.Equal("I don't know that command. /help lists what I can do.", (await worker.SendAsync("/digest on")).PlainText);

        await Bot.Get<DailyDigestJob>().RunAsync();
        await Bot.Get<DailyDigestJob>().RunAsync();

        var digest = Assert.Single(requester.BotMessages(), m => m.PlainText.StartsWith("📬 Proyek Anda"));
        Assert.Contains($"#{id} Ulasan — aktif: 1/2 tugas selesai, 1 jawaban hari ini, anggaran Rp 9.900", digest.PlainText);

        await requester.SendAsync("/digest off");
        Bot.Time.Advance(TimeSpan.FromDays(1));
        await Bot.Get<DailyDigestJob>().RunAsync();
        Assert.Single(requester.BotMessages(), m => m.PlainText.StartsWith("📬 Proyek Anda"));
    }

    [Fact]
    public async Task Owners_get_the_platforms_day_once()
    {
        var owner = await Bot.WorkerAsync("Rini", "en"); // 100001, not an owner
        var realOwner = await Bot.WorkerAsync("Owen", "en");
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 3, overlap: 2);
        var worker = await Bot.WorkerAsync("Wati");
        var task = await worker.SendAsync("/task");
        await worker.AnswerAsync(task);

        await Bot.Get<DailySummaryJob>().RunAsync();
        await Bot.Get<DailySummaryJob>().RunAsync();

        var summary = Assert.Single(realOwner.BotMessages(), m => m.PlainText.StartsWith("📋 Platform"));
        Assert.Contains("Workers who answered: 1\nAnswers: 1\nTasks reported: 0\nOpen answer slots: 4\nLeases live now: 1", summary.PlainText);
        Assert.DoesNotContain(owner.BotMessages(), m => m.PlainText.StartsWith("📋 Platform"));
    }
}

public sealed class EmbeddedDailyNoticeTests() : DailyNoticeTests("Embedded");

public sealed class PostgresDailyNoticeTests() : DailyNoticeTests("Postgres");
