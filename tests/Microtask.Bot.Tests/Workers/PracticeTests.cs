using Microtask.Core;

namespace Microtask.Bot.Tests.Workers;

/// <summary>
/// A newcomer's first minute: consent leads into three unpaid practice tasks, each followed by the right answer and why,
/// then straight into the first paid task; nothing of the practice is stored or paid.
/// </summary>
public abstract class PracticeTests(string backend) : BotTest(backend, Settings)
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Microtask:Workers:Practice"] = "true" };

    [Fact]
    public async Task Consent_leads_through_three_practice_tasks_to_the_first_paid_one()
    {
        var project = await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 2);
        var player = new Player(Bot, Bot.Emulator.CreateUser("Sari", "id"));
        var welcome = await player.SendAsync("/start");
        var first = await player.PressAsync(welcome, "c");

        Assert.Equal(
            "Terima kasih! Latihan dulu, lalu tugas berbayar pertama Anda.",
            player.Message(welcome.MessageId).PlainText);
        Assert.StartsWith("🎓 Latihan 1/3 · tidak dibayar, tidak dihitung\n\nApakah teks ini tentang makanan?", first.PlainText);
        Assert.Equal(["Ya", "Tidak"], first.Keyboard[0].Select(b => b.Text));

        // A right answer, a wrong one, a right one: each message keeps its task and shows the verdict, buttons gone.
        var second = await player.PressAsync(first, first.Keyboard[0][0].CallbackData!);
        Assert.EndsWith("✅ Benar: Ya. Teks itu memuji nasi goreng sebuah warung.", player.Message(first.MessageId).PlainText);
        Assert.Empty(player.Message(first.MessageId).Keyboard);
        Assert.StartsWith("🎓 Latihan 2/3", second.PlainText);
        var third = await player.PressAsync(second, second.Keyboard[0][0].CallbackData!);
        Assert.EndsWith("❌ Jawaban yang benar Tidak. Pengiriman lambat dan barang rusak adalah keluhan.", player.Message(second.MessageId).PlainText);
        var paid = await player.PressAsync(third, third.Keyboard[0][0].CallbackData!);

        Assert.EndsWith("✅ Benar: Ya. 0812-3456-7890 adalah nomor ponsel.\n\n🎉 Latihan selesai. Tugas berbayar pertama Anda menyusul.", player.Message(third.MessageId).PlainText);
        Assert.Contains("💰 Rp 100 per jawaban", paid.PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM assignments"));

        // The first paid answer is paid; the practice never was.
        await player.AnswerAsync(paid);
        Assert.Equal(1, await Bot.ScalarAsync($"SELECT COUNT(*) FROM answers WHERE project_id = {project}"));
        Assert.Equal(100, await Bot.ScalarAsync($"SELECT balance FROM workers WHERE telegram_id = {player.Id}"));
    }

    [Fact]
    public async Task Practice_can_be_skipped_and_an_old_button_pressed_again_only_repeats_its_answer()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 2);
        var player = new Player(Bot, Bot.Emulator.CreateUser("Budi", "en"));
        var welcome = await player.SendAsync("/start");
        var first = await player.PressAsync(welcome, "c");
        var second = await player.PressAsync(first, first.Keyboard[0][1].CallbackData!);
        Assert.EndsWith("❌ The right answer is Yes. It praises the fried rice of a food stall.", player.Message(first.MessageId).PlainText);

        var paid = await player.PressAsync(second, second.Keyboard[1][0].CallbackData!);
        Assert.Equal("⏭ Practice skipped.", player.Message(second.MessageId).PlainText);
        Assert.Contains("💰 Rp 100 per answer", paid.PlainText);

        // Consent is given once: pressing it again neither restarts the practice nor sends anything new.
        var count = player.BotMessages().Count;
        await player.ForgeAsync(welcome.MessageId, "c"); // its button is gone; a client may still send the press
        Assert.Equal("Thank you! Tap Next task whenever you have a minute.", player.Message(welcome.MessageId).PlainText);
        Assert.Equal(count, player.BotMessages().Count);
    }
}

public sealed class EmbeddedPracticeTests() : PracticeTests("Embedded");

public sealed class PostgresPracticeTests() : PracticeTests("Postgres");
