using System.Text;
using Microtask.Bot.Requesters;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>
/// Every number and date a requester reads is written their way: "1.666" in Indonesian, "1,666" in English, in the
/// replies to their own commands and in what they are told when a worker's answer moves their project.
/// </summary>
public abstract class RequesterNumbersTests(string backend) : BotTest(backend, new Dictionary<string, string?>
{
    ["Microtask:Requesters:0"] = RequesterId.ToString(),
    ["Microtask:Notices:BudgetLowAnswers"] = "2000",
})
{
    private const long RequesterId = 100001;

    public static TheoryData<string, string[]> Wizard => new()
    {
        { "id", ["sampai 100.000.000", "Anggaran Rp 500.000: cukup untuk 1.666 jawaban (555 tugas dengan overlap 3)", "batas harian 1.500"] },
        { "en", ["from 0 to 100,000,000", "Budget Rp 500,000: pays for 1,666 answers (555 tasks at overlap 3)", "daily cap 1,500"] },
    };

    [Theory]
    [MemberData(nameof(Wizard))]
    public async Task The_new_project_questions_and_summary_group_numbers_the_requesters_way(string language, string[] expected)
    {
        var requester = await Bot.WorkerAsync("Rini", language);
        await Bot.Get<LedgerStore>().TopupAsync(await OwnerAsync(), 1_000_000);
        await requester.SendAsync("/newproject");
        foreach (var answer in new[] { "Ulasan", "Baca ulasannya", "1", "baik, buruk", "{{text}}" })
        {
            await requester.SendAsync(answer);
        }

        var hint = await requester.SendAsync("-5");
        foreach (var answer in new[] { "300", "20s", "3", "5m", "1500", "default", "500000" })
        {
            await requester.SendAsync(answer);
        }

        var summary = requester.Last().PlainText;
        Assert.Contains(expected[0], hint.PlainText);
        Assert.Contains(expected[1], summary);
        Assert.Contains(expected[2], summary);
    }

    public static TheoryData<string, string[]> Reports => new()
    {
        {
            "id",
            [
                "0/1.200 tugas selesai, 1 jawaban",                         // /projects
                "0/1.200 tugas selesai\nJawaban: 1 dari 3.600 yang dibutuhkan", // /progress
                "Hasil proyek #{0}: 1.200 tugas, 1 jawaban.",                // /results
                "Baris diterima: 1.500 (emas: 0)",                            // a batch's report
                "📥 Impor 1.500 tugas",
                "1.500 tugas diimpor",
                "sisa Rp 1.999, cukup untuk 1.999 jawaban lagi",              // told while a worker answers in English
                "pukul 09.00",                                                // /digest on
                "0/2.700 tugas selesai, 1 jawaban hari ini",                  // the digest
            ]
        },
        {
            "en",
            [
                "0/1,200 tasks done, 1 answers",
                "0/1,200 tasks done\nAnswers: 1 of 3,600 wanted",
                "Results of project #{0}: 1,200 tasks, 1 answers.",
                "Rows accepted: 1,500 (gold: 0)",
                "📥 Import 1,500 tasks",
                "Imported 1,500 tasks",
                "Rp 1,999 left, enough for 1,999 more answers",
                "at " + new DateTime(2026, 1, 1, 9, 0, 0).ToString("t", System.Globalization.CultureInfo.GetCultureInfo("en")), // 9:00 AM
                "0/2,700 tasks done, 1 answers today",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task Counts_reports_notices_and_the_digest_group_numbers_the_requesters_way(string language, string[] expected)
    {
        var requester = await Bot.WorkerAsync("Rini", language);
        var owner = await OwnerAsync();
        await Bot.Get<LedgerStore>().TopupAsync(owner, 2_000);
        var id = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Ulasan", "x", AnswerKind.YesNo, [], "{{text}}", 1, 3, TimeSpan.FromMinutes(5), owner, Budget: 2_000),
            Enumerable.Range(1, 1_200).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"t{i}" })).ToList(),
            ProjectState.Active);
        var worker = await Bot.WorkerAsync("Wawan", language == "id" ? "en" : "id");
        await worker.AnswerAsync(await worker.SendAsync("/task"));

        var projects = await requester.SendAsync("/projects");
        var progress = await requester.SendAsync($"/progress {id}");
        var results = await requester.SendAsync($"/results {id}");
        var csv = "text\n" + string.Concat(Enumerable.Range(1, 1_500).Select(i => $"new {i}\n"));
        var update = Bot.Emulator.SendDocument(requester.Id, "more.csv", Encoding.UTF8.GetBytes(csv), caption: $"#{id}");
        await Bot.Emulator.WaitUntilConfirmedAsync(update, TimeSpan.FromSeconds(15));
        var report = requester.Last();
        await requester.PressAsync(report, report.Keyboard[0][0].CallbackData!);
        var digestOn = await requester.SendAsync("/digest on");
        await Bot.Get<DailyDigestJob>().RunAsync();
        var digest = requester.Last();

        Assert.Contains(expected[0], projects.PlainText);
        Assert.Contains(expected[1], progress.Caption);
        Assert.Contains(string.Format(expected[2], id), results.Caption);
        Assert.Contains(expected[3], report.PlainText);
        Assert.Equal(expected[4], report.Keyboard[0][0].Text);
        Assert.Contains(expected[5], requester.Message(report.MessageId).PlainText);
        Assert.Contains(expected[6], Assert.Single(requester.BotMessages(), m => m.PlainText.StartsWith("⚠️")).PlainText);
        Assert.Contains(expected[7], digestOn.PlainText);
        Assert.Contains(expected[8], digest.PlainText);
        // The digest's day is a date in the requester's words, not the machine's yyyy-MM-dd.
        var today = TimeZoneInfo.ConvertTime(Bot.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta"));
        Assert.DoesNotContain(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), digest.PlainText);
        Assert.Contains(today.ToString("MMMM", System.Globalization.CultureInfo.GetCultureInfo(language)), digest.PlainText);
    }

    private async Task<long> OwnerAsync() => (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
}

public sealed class EmbeddedRequesterNumbersTests() : RequesterNumbersTests("Embedded");

public sealed class PostgresRequesterNumbersTests() : RequesterNumbersTests("Postgres");
