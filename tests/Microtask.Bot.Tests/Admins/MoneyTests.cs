using Microtask.Bot.Money;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Admins;

/// <summary>
/// Money through the chat: admins top requesters up, workers see their balance and withdraw, admins pay or reject
/// withdrawals; everyone else gets the unknown-command reply, bad input changes nothing, and the ledger stays square.
/// </summary>
public abstract class MoneyTests(string backend) : BotTest(backend, Settings)
{
    private const string Unknown = "Saya tidak mengenal perintah itu. /help menampilkan apa yang bisa saya lakukan.";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Microtask:Admins:Owners:0"] = "100001",
        ["Microtask:Requesters:0"] = "100002",
        ["Microtask:Payouts:Minimum"] = "200",
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
    public async Task An_admin_tops_a_requester_up_by_id_or_name_and_only_admins_may()
    {
        Assert.Equal(Unknown, (await worker.SendAsync("/topup 100002 5000")).PlainText);
        Assert.Equal(Unknown, (await requester.SendAsync("/topup 100002 5000")).PlainText);
        Assert.Contains("Send /topup requester amount", (await admin.SendAsync("/topup 100002 -5")).PlainText);
        Assert.Contains("Send /topup requester amount", (await admin.SendAsync("/topup 100002 99999999999999")).PlainText);
        Assert.Contains("No user 424242 is known", (await admin.SendAsync("/topup 424242 5000")).PlainText);

        Assert.Equal("✅ Topped up Rini's requester account with Rp 5,000. It now holds Rp 5,000.", (await admin.SendAsync("/topup 100002 5.000")).PlainText);
        Assert.Contains("Rp 7,500", (await admin.SendAsync("/topup @rini 2500")).PlainText);
        Assert.Equal("🏦 Akun pemesan Anda diisi Rp 2.500. Saldonya sekarang Rp 7.500.", requester.Last().PlainText);
        Assert.Contains("Akun pemesan (untuk anggaran proyek): Rp 7.500", (await requester.SendAsync("/balance")).PlainText);
        Assert.Equal(2, await Bot.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'topup'"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(amount) FROM ledger"));
    }

    [Fact]
    public async Task A_withdrawal_approved_and_one_rejected_move_the_money_once_and_the_worker_is_told()
    {
        await EarnAsync(6); // Rp 600
        var balance = (await worker.SendAsync("/balance")).PlainText;
        Assert.Contains("Saldo Anda: Rp 600", balance);
        Assert.Contains("Rp 600 untuk 6 jawaban", balance);

        // Bad input: a clear message, nothing changes.
        Assert.Contains("Kirim /withdraw jumlah metode nomor", (await worker.SendAsync("/withdraw")).PlainText);
        Assert.Contains("Jumlah harus bilangan bulat", (await worker.SendAsync("/withdraw -300 gopay 081234567")).PlainText);
        Assert.Contains("Metode paypal tidak dikenal", (await worker.SendAsync("/withdraw 300 paypal 081234567")).PlainText);
        Assert.Contains("Nomor akun harus", (await worker.SendAsync("/withdraw 300 gopay 0<b>")).PlainText);
        Assert.Contains("Penarikan minimal Rp 200", (await worker.SendAsync("/withdraw 100 gopay 081234567")).PlainText);
        Assert.Contains("Saldo Anda Rp 600; Anda tidak dapat menarik Rp 601", (await worker.SendAsync("/withdraw 601 gopay 081234567")).PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM payouts"));

        Assert.Contains("Penarikan #1 sebesar Rp 300 ke gopay 081234567 diajukan. Saldo Anda sekarang Rp 300", (await worker.SendAsync("/withdraw 300 GoPay 081234567")).PlainText);
        Assert.Contains("Penarikan #2 sebesar Rp 250 ke bank 1234567890", (await worker.SendAsync("/withdraw 250 bank 1234567890")).PlainText);
        await AssertSquareAsync(workerBalance: 50);

        // Only admins see the queue and may decide.
        Assert.Equal(Unknown, (await worker.SendAsync("/payouts")).PlainText);
        Assert.Equal(Unknown, (await worker.SendAsync("/payouts paid 1 MINE")).PlainText);
        Assert.Equal(Unknown, (await worker.ForgeAsync(1, new ApprovePayout(1).Data)).PlainText);

        // The admins' alerts go out beside the worker's replies: let both arrive before reading the admin's chat.
        await Bot.Emulator.WaitForMessageAsync(admin.Id, m => m.PlainText.Contains("(request #2)"), TimeSpan.FromSeconds(15));
        var item = await admin.SendAsync("/payouts");
        Assert.Contains("Withdrawal #1 (2 waiting)", item.PlainText);
        Assert.Contains("Worker: Wati (id 100003)", item.PlainText);
        Assert.Contains("To: gopay 081234567", item.PlainText);
        Assert.Equal(["✅ Approve", "❌ Reject"], item.Keyboard[0].Select(b => b.Text));
        Assert.Contains("/payouts paid 1 reference", (await admin.PressAsync(item, item.Keyboard[0][0].CallbackData!)).PlainText);

        await admin.SendAsync("/payouts paid 1 TRX-0001");
        Assert.Contains("Withdrawal #1 (Rp 300) marked paid, reference TRX-0001", admin.BotMessages()[^2].PlainText);
        Assert.Contains("Withdrawal #2 (1 waiting)", admin.Last().PlainText);
        Assert.Equal("💸 Penarikan #1 sebesar Rp 300 sudah dibayar ke gopay 081234567. Referensi: TRX-0001", worker.Last().PlainText);
        Assert.Contains("Withdrawal #1 is not waiting", (await admin.SendAsync("/payouts reject 1 too late")).PlainText);

        await admin.SendAsync("/payouts reject 2 Nomor rekening tidak ditemukan");
        Assert.Contains("No withdrawal is waiting", admin.Last().PlainText);
        Assert.Equal("↩️ Penarikan #2 sebesar Rp 250 ditolak: Nomor rekening tidak ditemukan\nUangnya sudah kembali ke saldo Anda.", worker.Last().PlainText);
        Assert.Equal(2, await Bot.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'payout.%'"));
        Assert.Equal(300, await Bot.ScalarAsync($"SELECT SUM(amount) FROM ledger WHERE account = '{LedgerAccounts.PayoutsPaid}'"));
        await AssertSquareAsync(workerBalance: 300);
    }

    [Fact]
    public async Task A_topup_above_the_configured_size_waits_for_the_admins_confirmation()
    {
        var ask = await admin.SendAsync("/topup 100002 1.000.000.000.000");
        Assert.Equal(
            "⚠️ Top up Rini (100002)'s requester account with Rp 1,000,000,000,000? That is above Rp 10,000,000, the size that needs a second look.",
            ask.PlainText);
        Assert.Equal(["✅ Confirm", "Cancel"], ask.Keyboard[0].Select(b => b.Text));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM ledger"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM audit_log"));

        // Only admins may press it, and a worker's forged press changes nothing.
        Assert.Equal(Unknown, (await worker.ForgeAsync(1, ask.Keyboard[0][0].CallbackData!)).PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM ledger"));

        await admin.PressAsync(ask, ask.Keyboard[0][0].CallbackData!);
        Assert.Equal("✅ Topped up Rini's requester account with Rp 1,000,000,000,000. It now holds Rp 1,000,000,000,000.", admin.Message(ask.MessageId).PlainText);
        Assert.Empty(admin.Message(ask.MessageId).Keyboard);
        Assert.Equal("🏦 Akun pemesan Anda diisi Rp 1.000.000.000.000. Saldonya sekarang Rp 1.000.000.000.000.", requester.Last().PlainText);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'topup'"));

        // A second press, or a replayed one, moves no money twice.
        await admin.ForgeAsync(ask.MessageId, ask.Keyboard[0][0].CallbackData!);
        Assert.Equal("Already decided.", admin.LastToast());
        var rini = (await Bot.Get<WorkerStore>().FindAsync(requester.Id))!.Id;
        Assert.Equal(1_000_000_000_000, await Bot.ScalarAsync($"SELECT SUM(amount) FROM ledger WHERE account = '{LedgerAccounts.Requester(rini)}'"));

        var cancelled = await admin.SendAsync("/topup @rini 20000000");
        await admin.PressAsync(cancelled, cancelled.Keyboard[0][1].CallbackData!);
        Assert.Equal("Top-up cancelled; no money moved.", admin.Message(cancelled.MessageId).PlainText);
        await admin.ForgeAsync(cancelled.MessageId, cancelled.Keyboard[0][0].CallbackData!);
        Assert.Equal("Already decided.", admin.LastToast());
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'topup'"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(amount) FROM ledger"));

        // At or below the size, it goes through at once.
        Assert.StartsWith("✅ Topped up Rini's requester account with Rp 10,000,000.", (await admin.SendAsync("/topup 100002 10000000")).PlainText);
    }

    private async Task EarnAsync(int answers)
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, answers, overlap: 1);
        var task = await worker.SendAsync("/task");
        for (var i = 0; i < answers; i++)
        {
            task = await worker.AnswerAsync(task);
        }
    }

    private async Task AssertSquareAsync(long workerBalance)
    {
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(amount) FROM ledger"));
        Assert.Equal(workerBalance, await Bot.ScalarAsync("SELECT balance FROM workers WHERE telegram_id = 100003"));
        Assert.Equal(workerBalance, await Bot.ScalarAsync("SELECT SUM(amount) FROM ledger l JOIN workers w ON l.account = 'worker:' || w.id WHERE w.telegram_id = 100003"));
    }
}

public sealed class EmbeddedMoneyTests() : MoneyTests("Embedded");

public sealed class PostgresMoneyTests() : MoneyTests("Postgres");
