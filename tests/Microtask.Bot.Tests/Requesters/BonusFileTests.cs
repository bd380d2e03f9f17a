using System.Globalization;
using System.Text;
using Microtask.Bot.Requesters;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>
/// Bonuses from a file: /bonus N asks for it, a reply brings a report with every problem by line, and nothing moves
/// until Pay, which pays every row in one transaction after checking the account again, once per report.
/// </summary>
public abstract class BonusFileTests(string backend) : BotTest(backend, Settings)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Microtask:Admins:Owners:0"] = "100001",
        ["Microtask:Requesters:0"] = "100002",
    };

    private Player admin = null!;
    private Player requester = null!;
    private Player wati = null!;
    private Player budi = null!;
    private long project;
    private string pWati = "";
    private string pBudi = "";

    protected override async Task StartedAsync()
    {
        admin = await Bot.WorkerAsync("Owen");
        requester = await Bot.WorkerAsync("Rini", "id");
        wati = await Bot.WorkerAsync("Wati", "id");
        budi = await Bot.WorkerAsync("Budi", "en");
        await admin.SendAsync("/topup 100002 10000");
        var requesterId = await Bot.ScalarAsync("SELECT id FROM workers WHERE telegram_id = 100002");
        project = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Labels", "Do it well", AnswerKind.YesNo, [], "{{text}}", 100, 3, TimeSpan.FromMinutes(5), RequesterId: requesterId, Budget: 1_000),
            [new NewTask(new Dictionary<string, string> { ["text"] = "item 1" })],
            ProjectState.Active);
        await wati.AnswerAsync(await wati.SendAsync("/task"));
        await budi.AnswerAsync(await budi.SendAsync("/task"));
        pWati = await PseudonymAsync(wati);
        pBudi = await PseudonymAsync(budi);
    }

    [Fact]
    public async Task A_file_sent_as_a_reply_is_reported_then_paid_in_one_go_and_each_worker_is_told_in_their_language()
    {
        var prompt = await requester.SendAsync($"/bonus {project}");
        Assert.StartsWith($"🎁 Bonus proyek #{project} “Labels” untuk banyak pekerja sekaligus: kirim berkas CSV sebagai balasan pesan ini.", prompt.PlainText);

        var report = await UploadAsync($"pseudonym,amount,reason\n{pWati.ToUpperInvariant()},1.000,teliti\n{pBudi},500,\"fast, tidy\"\n", replyTo: prompt.MessageId);
        Assert.Equal(
            $"🎁 Bonus proyek #{project} dari bonus.csv\nBaris: 2\nTotal: Rp 1.500\nAkun pemesan Anda berisi Rp 9.000.\n\nBelum ada yang dibayar sampai Anda menekan Bayar.",
            report.PlainText);
        Assert.Equal(["💸 Bayar Rp 1.500 ke 2 pekerja", "Batal"], report.Buttons.Select(b => b.Text));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM bonuses"));

        var pay = report.Keyboard[0][0].CallbackData!;
        await requester.PressAsync(report, pay);
        var paid = requester.Message(report.MessageId);
        Assert.Equal(
            $"🎁 Bonus proyek #{project} dari bonus.csv\nBaris: 2\nTotal: Rp 1.500\n\n✅ Rp 1.500 dibayarkan ke 2 pekerja. Akun pemesan Anda sekarang berisi Rp 7.500. Setiap pekerja diberi tahu, beserta alasan Anda.",
            paid.PlainText);
        Assert.Empty(paid.Keyboard);
        await Bot.WaitForJobMessageAsync(wati.Id, m => m.PlainText == "🎁 Bonus Rp 1.000 dari proyek “Labels”: teliti\nSudah masuk ke /balance Anda.", TimeSpan.FromSeconds(15));
        await Bot.WaitForJobMessageAsync(budi.Id, m => m.PlainText == "🎁 A bonus of Rp 500 from project “Labels”: fast, tidy\nIt is in your /balance.", TimeSpan.FromSeconds(15));
        Assert.Contains("Saldo Anda: Rp 1.100", (await wati.SendAsync("/balance")).PlainText);

        // A second press, or a replayed one, pays nothing more.
        await requester.ForgeAsync(report.MessageId, pay);
        Assert.Equal("Permintaan ini sudah dibayar; tidak ada yang dibayar lagi.", requester.LastToast());
        Assert.Equal(2, await Bot.ScalarAsync("SELECT COUNT(*) FROM bonuses"));
        Assert.Equal(2, await Bot.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'bonus'"));
        Assert.Equal(1_500, await Bot.ScalarAsync("SELECT SUM(amount) FROM bonuses"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(amount) FROM ledger"));
        Assert.Single(wati.BotMessages(), m => m.PlainText.StartsWith("🎁 Bonus Rp 1.000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_bad_row_is_reported_with_its_line_and_nothing_can_be_paid()
    {
        var longReason = new string('r', 201);
        var report = await UploadAsync(
            $"pseudonym,amount,reason\n{pWati},1000,baik\nw0000000000,500,siapa\n{pBudi},-5,minus\n{pBudi},0,nol\n{pBudi},500,\n{pWati},200,lagi\n{pBudi},lima ratus,teks\n{pBudi},700,{longReason}\n{pWati},1000,baik\n",
            caption: $"/bonus {project}");

        Assert.Equal(
            $"""
            🎁 Bonus proyek #{project} dari bonus.csv
            Baris: 9
            Total: Rp 1.000
            Akun pemesan Anda berisi Rp 9.000.

            Tidak ada yang dapat dibayar sampai semua baris benar:
            • baris 3: tidak ada pekerja berpseudonim w0000000000 yang menjawab proyek ini
            • baris 4: jumlah “-5” bukan bilangan bulat positif
            • baris 5: jumlah “0” bukan bilangan bulat positif
            • baris 6: reason kosong
            • baris 7: {pWati} sudah ada di baris 2; satu baris per pekerja (jumlahkan nominalnya)
            • baris 8: jumlah “lima ratus” bukan bilangan bulat positif
            • baris 9: reason lebih dari 200 karakter
            • baris 10: {pWati} sudah ada di baris 2; satu baris per pekerja (jumlahkan nominalnya)

            Perbaiki berkasnya dan kirim lagi sebagai balasan pesan ini.
            """.ReplaceLineEndings("\n"),
            report.PlainText);
        Assert.Empty(report.Keyboard);

        // More than the account holds, sent as a reply to that report: refused as a whole.
        var over = await UploadAsync($"pseudonym,amount,reason\n{pWati},9.500,banyak\n", replyTo: report.MessageId);
        Assert.Contains("• total Rp 9.500 melebihi isi akun pemesan Anda (Rp 9.000); minta admin mengisi saldo", over.PlainText);
        Assert.Empty(over.Keyboard);

        Assert.Equal(
            "❌ bonus.csv tidak dapat dibayar: kolom tidak dikenal: pseudonim, jumlah. Berkas bonus hanya berisi kolom pseudonym, amount dan reason.",
            (await UploadAsync($"pseudonim,jumlah\n{pWati},100\n", caption: $"/bonus {project}")).PlainText);
        Assert.Equal(
            "❌ bonus.csv tidak dapat dibayar: barisnya lebih dari 1.000; bagi menjadi beberapa berkas",
            (await UploadAsync("pseudonym,amount,reason\n" + string.Concat(Enumerable.Repeat($"{pWati},1,x\n", 1001)), caption: $"/bonus {project}")).PlainText);
        Assert.Equal(
            "Berkas bonus paling besar 1 MB; berkas ini lebih besar. Bagi menjadi beberapa berkas.",
            (await UploadAsync("pseudonym,amount,reason\n" + new string('x', 1024 * 1024), caption: $"/bonus {project}")).PlainText);
        Assert.Equal(
            "Bonus ini untuk proyek mana? Kirim berkasnya sebagai balasan pesan dari /bonus N, atau dengan keterangan /bonus N.",
            (await UploadAsync($"pseudonym,amount,reason\n{pWati},100,x\n", caption: "bonus")).PlainText);
        Assert.Equal($"Anda tidak punya proyek #{project + 1}.", (await UploadAsync($"pseudonym,amount,reason\n{pWati},100,x\n", caption: $"/bonus {project + 1}")).PlainText);

        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM bonus_files"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM bonuses"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(amount) FROM ledger"));
    }

    [Fact]
    public async Task Pay_checks_the_account_again_and_a_short_one_moves_nothing_until_a_top_up()
    {
        var report = await UploadAsync($"pseudonym,amount,reason\n{pWati},1000,teliti\n{pBudi},500,cepat\n", caption: $"/bonus {project}");
        Assert.StartsWith("🎁 ", (await requester.SendAsync($"/bonus {project} {pBudi} 8000 luar biasa")).PlainText);

        var pay = report.Keyboard[0][0].CallbackData!;
        var refused = await requester.PressAsync(report, pay);
        Assert.Equal(
            "Akun pemesan Anda berisi Rp 1.000, kurang dari total Rp 1.500. Tidak ada yang dibayar; minta admin mengisi saldo, lalu tekan Bayar lagi.",
            refused.PlainText);
        Assert.NotEmpty(requester.Message(report.MessageId).Keyboard);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM bonuses"));

        await admin.SendAsync("/topup 100002 5000");
        await requester.PressAsync(report, pay);
        Assert.Contains("✅ Rp 1.500 dibayarkan ke 2 pekerja. Akun pemesan Anda sekarang berisi Rp 4.500.", requester.Message(report.MessageId).PlainText);
        Assert.Equal(3, await Bot.ScalarAsync("SELECT COUNT(*) FROM bonuses"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(amount) FROM ledger"));
    }

    [Fact]
    public async Task A_cancelled_report_pays_nothing_and_the_same_file_is_paid_once()
    {
        const string Csv = "pseudonym,amount,reason\n{0},300,rapi\n";
        var file = string.Format(CultureInfo.InvariantCulture, Csv, pWati);
        var cancelled = await UploadAsync(file, caption: $"/bonus {project}");
        await requester.PressAsync(cancelled, cancelled.Keyboard[0][1].CallbackData!);
        Assert.EndsWith("Total: Rp 300\n\nDibatalkan; tidak ada yang dibayar.", requester.Message(cancelled.MessageId).PlainText);
        await requester.ForgeAsync(cancelled.MessageId, cancelled.Keyboard[0][0].CallbackData!);
        Assert.Equal("Dibatalkan; tidak ada yang dibayar.", requester.LastToast());
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM bonuses"));

        // Two reports of the same bytes: the first Pay pays, the second finds them paid.
        var first = await UploadAsync(file, caption: $"/bonus {project}");
        var second = await UploadAsync(file, caption: $"/bonus {project}");
        await requester.PressAsync(first, first.Keyboard[0][0].CallbackData!);
        await requester.PressAsync(second, second.Keyboard[0][0].CallbackData!);
        Assert.EndsWith(
            $"Berkas yang sama sudah dibayar di proyek #{project} (1 bonus, total Rp 300); tidak ada yang dibayar lagi. Untuk membayar bonus yang sama lagi, ubah berkasnya (misalnya alasannya).",
            requester.Message(second.MessageId).PlainText);
        Assert.StartsWith("Berkas yang sama sudah dibayar", (await UploadAsync(file, caption: $"/bonus {project}")).PlainText);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM bonuses"));
        Assert.Equal(400, await Bot.ScalarAsync($"SELECT balance FROM workers WHERE telegram_id = {wati.Id}"));
    }

    [Fact]
    public async Task A_file_with_a_project_number_alone_is_still_a_batch_of_tasks()
    {
        var batch = await UploadAsync("text\nitem 3\n", caption: $"#{project}");
        Assert.StartsWith("📄 bonus.csv untuk proyek #", batch.PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM bonus_files"));
    }

    [Fact]
    public async Task Pay_pressed_at_once_on_two_instances_pays_once_and_a_redelivered_upload_keeps_its_report()
    {
        var store = Bot.Get<BonusFileStore>();
        var requesterId = await Bot.ScalarAsync("SELECT id FROM workers WHERE telegram_id = 100002");
        var watiId = await Bot.ScalarAsync($"SELECT id FROM workers WHERE telegram_id = {wati.Id}");
        BonusRow[] rows = [new(2, watiId, 700, "twice")];
        var id = await store.AddPendingAsync(project, requesterId, "update:9", "b.csv", "abc", rows);
        Assert.Equal(id, await store.AddPendingAsync(project, requesterId, "update:9", "b.csv", "abc", rows));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.PayAsync(id, requesterId, (_, r) => r.Reason)));

        Assert.Single(results, r => r.Outcome == BonusFileOutcome.Paid);
        Assert.All(results, r => Assert.Equal(8_300, r.RequesterBalance));
        Assert.Equal(800, await Bot.ScalarAsync($"SELECT balance FROM workers WHERE id = {watiId}"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(amount) FROM ledger"));
    }

    private async Task<string> PseudonymAsync(Player player) =>
        Pseudonym.Of(Bot.Get<PseudonymSalt>().Value, project, await Bot.ScalarAsync($"SELECT id FROM workers WHERE telegram_id = {player.Id}"));

    private async Task<ChatMessage> UploadAsync(string content, string? caption = null, long? replyTo = null)
    {
        var update = Bot.Emulator.SendDocument(requester.Id, "bonus.csv", Encoding.UTF8.GetBytes(content), caption: caption, replyToMessageId: replyTo);
        await Bot.Emulator.WaitUntilConfirmedAsync(update, TimeSpan.FromSeconds(15));
        return requester.Last();
    }
}

public sealed class EmbeddedBonusFileTests() : BonusFileTests("Embedded");

public sealed class PostgresBonusFileTests() : BonusFileTests("Postgres");
