using Microtask.Bot.Requesters;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>
/// /bonus: a requester pays one worker of their project, named by the pseudonym of /results, from the requester's
/// account; the worker is told in their language; bad input and a short account move nothing; a request pays once.
/// </summary>
public abstract class BonusTests(string backend) : BotTest(backend, Settings)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Microtask:Admins:Owners:0"] = "100001",
        ["Microtask:Requesters:0"] = "100002",
    };

    private Player admin = null!;
    private Player requester = null!;
    private Player worker = null!;

    protected override async Task StartedAsync()
    {
        admin = await Bot.WorkerAsync("Owen");
        requester = await Bot.WorkerAsync("Rini", "id");
        worker = await Bot.WorkerAsync("Wati", "id");
    }

    [Fact]
    public async Task A_requester_pays_a_worker_of_their_project_and_the_worker_is_told_why()
    {
        var (project, pseudonym) = await AnsweredProjectAsync();

        var paid = await requester.SendAsync($"/bonus #{project} {pseudonym.ToUpperInvariant()} 2.500 jawaban teliti");
        Assert.Equal($"🎁 Bonus Rp 2.500 dibayarkan ke {pseudonym} di proyek #{project}. Akun pemesan Anda sekarang berisi Rp 6.500.", paid.PlainText);
        Assert.Equal("🎁 Bonus Rp 2.500 dari proyek “Labels”: jawaban teliti\nSudah masuk ke /balance Anda.", worker.Last().PlainText);
        Assert.Contains("Saldo Anda: Rp 2.600", (await worker.SendAsync("/balance")).PlainText);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'bonus'"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(amount) FROM ledger"));
    }

    [Fact]
    public async Task Bad_input_and_a_short_account_move_nothing()
    {
        var (project, pseudonym) = await AnsweredProjectAsync();
        const string Usage = "Kirim /bonus proyek pseudonim jumlah alasan";

        Assert.Contains(Usage, (await requester.SendAsync("/bonus")).PlainText);
        Assert.Contains(Usage, (await requester.SendAsync($"/bonus {project} {pseudonym} 5000")).PlainText);
        Assert.Contains(Usage, (await requester.SendAsync($"/bonus {project} {pseudonym} -5 terima kasih")).PlainText);
        Assert.Contains(Usage, (await requester.SendAsync($"/bonus {project} {pseudonym} 0 terima kasih")).PlainText);
        Assert.Equal($"Anda tidak punya proyek #{project + 1}.", (await requester.SendAsync($"/bonus {project + 1} {pseudonym} 500 terima kasih")).PlainText);
        Assert.StartsWith("Tidak ada pekerja berpseudonim w0000000000 yang menjawab proyek", (await requester.SendAsync($"/bonus {project} w0000000000 500 terima kasih")).PlainText);
        Assert.Equal(
            "Akun pemesan Anda berisi Rp 9.000, kurang dari bonus Rp 50.000. Tidak ada yang dibayar; minta admin mengisi saldo.",
            (await requester.SendAsync($"/bonus {project} {pseudonym} 50000 terima kasih")).PlainText);
        Assert.StartsWith("Saya tidak mengenal perintah itu.", (await worker.SendAsync($"/bonus {project} {pseudonym} 500 self")).PlainText);

        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM bonuses"));
        Assert.Contains("Saldo Anda: Rp 100", (await worker.SendAsync("/balance")).PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(amount) FROM ledger"));
    }

    [Fact]
    public async Task The_same_request_pays_once()
    {
        var (project, _) = await AnsweredProjectAsync();
        var requesterId = await Bot.ScalarAsync("SELECT id FROM workers WHERE telegram_id = 100002");
        var workerId = await Bot.ScalarAsync("SELECT id FROM workers WHERE telegram_id = 100003");
        var store = Bot.Get<BonusStore>();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.PayAsync(project, requesterId, workerId, 700, "twice", "k-1")));

        Assert.Single(results, r => r.Outcome == BonusOutcome.Paid);
        Assert.All(results, r => Assert.Equal(8_300, r.RequesterBalance));
        Assert.Equal(800, await Bot.ScalarAsync($"SELECT balance FROM workers WHERE id = {workerId}"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(amount) FROM ledger"));
    }

    [Fact]
    public async Task A_bonus_through_the_api_pays_once_per_key_and_bad_requests_move_nothing()
    {
        var (project, pseudonym) = await AnsweredProjectAsync();
        using var http = Api.ApiClient.For(Bot, await Api.ApiClient.NewTokenAsync(requester, "bonus"));
        Task<HttpResponseMessage> PostAsync(string body, string? key = "k-1")
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"projects/{project}/bonuses") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            return http.SendAsync(request);
        }

        var body = $$"""{"worker": "{{pseudonym}}", "amount": 2500, "reason": "careful answers"}""";
        var first = await Task.WhenAll(PostAsync(body), PostAsync(body));

        Assert.Equal([System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.Created], first.Select(r => r.StatusCode).Order());
        var paid = await Api.ApiClient.JsonAsync(first.Single(r => r.StatusCode == System.Net.HttpStatusCode.Created));
        Assert.Equal(6_500, paid.GetProperty("balance").GetInt64());
        Assert.True((await Api.ApiClient.JsonAsync(first.Single(r => r.StatusCode == System.Net.HttpStatusCode.OK))).GetProperty("already_paid").GetBoolean());
        Assert.Equal("🎁 Bonus Rp 2.500 dari proyek “Labels”: careful answers\nSudah masuk ke /balance Anda.", worker.Last().PlainText);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM bonuses"));

        // Bad requests: a problem naming what is wrong, and nothing moved.
        Assert.Equal("worker", (await Api.ApiClient.ProblemAsync(await PostAsync("""{"worker": "w0000000000", "amount": 5, "reason": "x"}""", "k-2"), 422)).GetProperty("field").GetString());
        Assert.Equal("amount", (await Api.ApiClient.ProblemAsync(await PostAsync($$"""{"worker": "{{pseudonym}}", "amount": 0, "reason": "x"}""", "k-3"), 422)).GetProperty("field").GetString());
        Assert.Equal("amount", (await Api.ApiClient.ProblemAsync(await PostAsync($$"""{"worker": "{{pseudonym}}", "amount": -5, "reason": "x"}""", "k-4"), 422)).GetProperty("field").GetString());
        Assert.Equal("reason", (await Api.ApiClient.ProblemAsync(await PostAsync($$"""{"worker": "{{pseudonym}}", "amount": 5, "reason": " "}""", "k-5"), 422)).GetProperty("field").GetString());
        var short_ = await Api.ApiClient.ProblemAsync(await PostAsync($$"""{"worker": "{{pseudonym}}", "amount": 50000, "reason": "x"}""", "k-6"), 422);
        Assert.Equal(6_500, short_.GetProperty("balance").GetInt64());
        await Api.ApiClient.ProblemAsync(await PostAsync($$"""{"worker": "{{pseudonym}}", "amount": 5, "reason": "x", "tip": 1}""", "k-7"), 422);
        await Api.ApiClient.ProblemAsync(await http.PostAsync($"projects/{project + 1}/bonuses", new StringContent(body)), 404);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM bonuses"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(amount) FROM ledger"));
    }

    /// <summary>A project of the requester's with a budget of 1,000 (their account topped up with 10,000), which the worker answered once.</summary>
    private async Task<(long Project, string Pseudonym)> AnsweredProjectAsync()
    {
        await admin.SendAsync("/topup 100002 10000");
        var requesterId = await Bot.ScalarAsync("SELECT id FROM workers WHERE telegram_id = 100002");
        var project = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Labels", "Do it well", AnswerKind.YesNo, [], "{{text}}", 100, 1, TimeSpan.FromMinutes(5), RequesterId: requesterId, Budget: 1_000),
            [new NewTask(new Dictionary<string, string> { ["text"] = "item 1" })],
            ProjectState.Active);
        await worker.AnswerAsync(await worker.SendAsync("/task"));
        var workerId = await Bot.ScalarAsync("SELECT id FROM workers WHERE telegram_id = 100003");
        return (project, Pseudonym.Of(Bot.Get<PseudonymSalt>().Value, project, workerId));
    }
}

public sealed class EmbeddedBonusTests() : BonusTests("Embedded");

public sealed class PostgresBonusTests() : BonusTests("Postgres");
