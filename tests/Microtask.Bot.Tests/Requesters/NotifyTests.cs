using System.Globalization;
using Microtask.Bot.Requesters;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>
/// /notify: a requester's words reach the workers who answered the project (or those named), escaped and quoted under
/// the project's title, with a Mute that holds; bad input and one too many a day send nothing.
/// </summary>
public abstract class NotifyTests(string backend) : BotTest(backend, Settings)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Microtask:Admins:Owners:0"] = "100001",
        ["Microtask:Requesters:0"] = "100002",
        ["Microtask:Notices:NotifyPerDay"] = "2",
    };

    private Player admin = null!;
    private Player requester = null!;
    private Player wati = null!;
    private Player budi = null!;
    private Player sari = null!;
    private long project;

    protected override async Task StartedAsync()
    {
        admin = await Bot.WorkerAsync("Owen");
        requester = await Bot.WorkerAsync("Rini", "id");
        wati = await Bot.WorkerAsync("Wati", "id");
        budi = await Bot.WorkerAsync("Budi", "en");
        var requesterId = await Bot.ScalarAsync("SELECT id FROM workers WHERE telegram_id = 100002");
        await Bot.Get<LedgerStore>().TopupAsync(requesterId, 10_000);
        project = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Labels & co", "Do it well", AnswerKind.YesNo, [], "{{text}}", 100, 3, TimeSpan.FromMinutes(5), RequesterId: requesterId, Budget: 1_000),
            [new NewTask(new Dictionary<string, string> { ["text"] = "item 1" })],
            ProjectState.Active);
        await wati.AnswerAsync(await wati.SendAsync("/task"));
        await budi.AnswerAsync(await budi.SendAsync("/task"));
        sari = await Bot.WorkerAsync("Sari", "en"); // never answered the project
    }

    [Fact]
    public async Task A_message_reaches_every_worker_who_answered_escaped_and_quoted_under_the_project_title()
    {
        await requester.SendAsync($"/notify {project} Besok <b>libur</b> & santai\nbaris dua");
        // The job may have sent its "reached" before the update's reply is read: the first answer, wherever it now is.
        var sending = requester.BotMessages().First(m => m.PlainText.StartsWith("📨 Pesan Anda", StringComparison.Ordinal));
        Assert.Equal($"📨 Pesan Anda untuk pekerja proyek #{project} sedang dikirim ke 2 pekerja. Saya akan memberi tahu berapa yang menerimanya.", sending.PlainText);

        var done = await DoneAsync();
        Assert.Equal($"📨 Pesan Anda untuk pekerja proyek #{project} sampai ke 2 dari 2 (0 membisukan proyek itu atau tidak dapat dijangkau).", done.PlainText);
        var toWati = wati.Last();
        Assert.Equal($"📨 Pemberi tugas “Labels & co” (proyek #{project}) menulis:\nBesok <b>libur</b> & santai\nbaris dua", toWati.PlainText);
        Assert.EndsWith("<blockquote>Besok &lt;b&gt;libur&lt;/b&gt; &amp; santai\nbaris dua</blockquote>", toWati.Text);
        Assert.Equal(["🔕 Bisukan proyek ini"], toWati.Buttons.Select(b => b.Text));
        Assert.StartsWith($"📨 The requester of “Labels & co” (project #{project}) writes:\nBesok", budi.Last().PlainText);
        Assert.DoesNotContain(sari.BotMessages(), m => m.PlainText.Contains("Besok", StringComparison.Ordinal));

        var audit = (await admin.SendAsync("/audit")).PlainText;
        Assert.Contains(" · notify → ", audit);
        Assert.Contains($"#{project} → 2: Besok <b>libur</b> & santai", audit);
    }

    [Fact]
    public async Task A_muted_project_sends_that_worker_nothing_until_they_unmute()
    {
        await requester.SendAsync($"/notify {project} pertama");
        await DoneAsync();
        var first = wati.Last();
        await wati.PressAsync(first, first.Keyboard[0][0].CallbackData!);
        Assert.Equal($"Dibisukan: tidak ada lagi pesan dari proyek #{project}. Tekan Bunyikan lagi untuk menerimanya kembali.", wati.LastToast());
        Assert.Equal(["🔔 Bunyikan lagi proyek ini"], wati.Message(first.MessageId).Buttons.Select(b => b.Text));

        await requester.SendAsync($"/notify {project} kedua");
        Assert.EndsWith("sampai ke 1 dari 2 (1 membisukan proyek itu atau tidak dapat dijangkau).", (await DoneAsync(2)).PlainText);
        Assert.DoesNotContain(wati.BotMessages(), m => m.PlainText.EndsWith("kedua", StringComparison.Ordinal));
        Assert.EndsWith("kedua", budi.Last().PlainText);

        await wati.PressAsync(wati.Message(first.MessageId), wati.Message(first.MessageId).Keyboard[0][0].CallbackData!);
        Assert.Equal($"Pesan dari proyek #{project} akan sampai lagi ke Anda.", wati.LastToast());
        Bot.Time.Advance(TimeSpan.FromDays(1));
        await requester.SendAsync($"/notify {project} ketiga");
        await DoneAsync(3);
        Assert.EndsWith("ketiga", wati.Last().PlainText);
    }

    [Fact]
    public async Task A_pseudonym_list_reaches_only_those_workers_and_an_unknown_one_sends_nothing()
    {
        var salt = Bot.Get<PseudonymSalt>().Value;
        var pWati = Pseudonym.Of(salt, project, await Bot.ScalarAsync($"SELECT id FROM workers WHERE telegram_id = {wati.Id}"));

        var unknown = await requester.SendAsync($"/notify {project} @w0000000000,{pWati} halo");
        Assert.Equal($"Tidak ada pekerja berpseudonim w0000000000 yang menjawab proyek #{project}. Tidak ada yang dikirim; salin pseudonimnya dari berkas /results.", unknown.PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM project_notices"));

        await requester.SendAsync($"/notify {project} @{pWati.ToUpperInvariant()} hanya untukmu");
        Assert.EndsWith("sampai ke 1 dari 1 (0 membisukan proyek itu atau tidak dapat dijangkau).", (await DoneAsync()).PlainText);
        Assert.EndsWith("hanya untukmu", wati.Last().PlainText);
        Assert.DoesNotContain(budi.BotMessages(), m => m.PlainText.Contains("hanya untukmu", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Empty_too_long_nobody_or_one_too_many_today_is_refused_and_sends_nothing()
    {
        var found = (await Bot.Get<ProjectStore>().FindAsync(project))!;
        var max = NotifyWorkersJob.MaxText(found);
        Assert.InRange(max, 4000, 4050);

        Assert.Equal(
            $"Tidak ada pesan untuk dikirim: tulis setelah nomor proyek, misalnya /notify {project} Instruksi baru mulai Senin. Tidak ada yang dikirim.",
            (await requester.SendAsync($"/notify {project}")).PlainText);
        Assert.StartsWith("Tidak ada pesan untuk dikirim", (await requester.SendAsync($"/notify {project} @{new string('x', 3)}")).PlainText);
        Assert.Equal(
            $"Pesan Anda 4.097 karakter; dengan judul proyek di atasnya, paling banyak {max.ToString("N0", CultureInfo.GetCultureInfo("id"))} muat dalam satu pesan. Tidak ada yang dikirim.",
            (await requester.SendAsync($"/notify {project} {new string('x', 4097)}")).PlainText);
        Assert.StartsWith("Kirim /notify proyek teks", (await requester.SendAsync("/notify")).PlainText);
        Assert.Equal($"Anda tidak punya proyek #{project + 1}.", (await requester.SendAsync($"/notify {project + 1} halo")).PlainText);
        var empty = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Empty", "x", AnswerKind.YesNo, [], "{{text}}", 100, 1, TimeSpan.FromMinutes(5), RequesterId: found.RequesterId, Budget: 100),
            [new NewTask(new Dictionary<string, string> { ["text"] = "a" })],
            ProjectState.Active);
        Assert.Equal(
            $"Belum ada pekerja yang menjawab proyek #{empty}: tidak ada yang bisa dikirimi pesan. Tidak ada yang dikirim.",
            (await requester.SendAsync($"/notify {empty} halo")).PlainText);
        Assert.StartsWith("Saya tidak mengenal perintah itu.", (await wati.SendAsync($"/notify {project} halo")).PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM project_notices"));

        // The longest text that fits arrives whole; then the day's second; a third is refused until the next day.
        var longest = string.Concat(Enumerable.Repeat("abcdefghi ", max / 10 + 1))[..(max - 1)] + "Z";
        await requester.SendAsync($"/notify {project} {longest}");
        await DoneAsync();
        Assert.EndsWith("Z", wati.Last().PlainText);
        Assert.Contains(longest, wati.Last().PlainText, StringComparison.Ordinal);
        await requester.SendAsync($"/notify {project} dua");
        await DoneAsync(2);
        Assert.Equal(
            "Hari ini Anda sudah mengirim 2 pesan ke pekerja, batas untuk satu hari. Tidak ada yang dikirim; coba lagi besok.",
            (await requester.SendAsync($"/notify {project} tiga")).PlainText);
        Assert.Equal(2, await Bot.ScalarAsync("SELECT COUNT(*) FROM project_notices"));
        Assert.DoesNotContain(wati.BotMessages(), m => m.PlainText.EndsWith("tiga", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_worker_who_blocked_the_bot_is_skipped_and_counted()
    {
        Bot.Emulator.Faults.Block(budi.Id);
        await requester.SendAsync($"/notify {project} halo");
        Assert.EndsWith("sampai ke 1 dari 2 (1 membisukan proyek itu atau tidak dapat dijangkau).", (await DoneAsync()).PlainText);
    }

    [Fact]
    public async Task Two_messages_at_once_cannot_pass_the_day_limit_together()
    {
        var store = Bot.Get<ProjectNoticeStore>();
        var requesterId = await Bot.ScalarAsync("SELECT id FROM workers WHERE telegram_id = 100002");
        var dayStart = Bot.Time.GetUtcNow().AddHours(-1);

        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => store.CreateAsync(project, requesterId, 100002, "id", $"m{i}", null, dayStart, 2)));

        Assert.Equal(2, ids.Count(id => id is not null));
        Assert.Equal(4, await Bot.ScalarAsync("SELECT SUM(total) FROM project_notices"));
    }

    /// <summary>The <paramref name="nth"/> "reached" message the requester got, once the job has sent it.</summary>
    private async Task<ChatMessage> DoneAsync(int nth = 1)
    {
        for (var i = 0; i < 400; i++)
        {
            if (requester.BotMessages().Where(m => m.PlainText.Contains("sampai ke", StringComparison.Ordinal)).ElementAtOrDefault(nth - 1) is { } done)
            {
                return done;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no report number {nth} of a message reaching workers");
    }
}

public sealed class EmbeddedNotifyTests() : NotifyTests("Embedded");

public sealed class PostgresNotifyTests() : NotifyTests("Postgres");
